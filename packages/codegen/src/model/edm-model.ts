/**
 * The resolved model of one route's metadata: every reference resolved, names decoded into
 * collision-free identifiers (raw wire names kept beside them), lists sorted. Readonly data,
 * produced once by `buildModel` and read by every emitter.
 */
export type EdmPrimitiveName =
  | "Edm.String" | "Edm.Guid" | "Edm.Boolean" | "Edm.Byte" | "Edm.SByte" | "Edm.Int16" | "Edm.Int32" | "Edm.Int64"
  | "Edm.Decimal" | "Edm.Double" | "Edm.Single" | "Edm.Date" | "Edm.DateTimeOffset" | "Edm.TimeOfDay" | "Edm.Duration"
  | "Edm.Binary" | "Edm.Stream";

export type EdmTypeRef =
  | { readonly kind: "primitive"; readonly name: EdmPrimitiveName }
  | { readonly kind: "enum"; readonly qualifiedName: string }
  | { readonly kind: "complex"; readonly qualifiedName: string }
  | { readonly kind: "entity"; readonly qualifiedName: string };

export interface EdmValueType {
  readonly type: EdmTypeRef;
  readonly collection: boolean;
  readonly nullable: boolean;
}

export interface EdmProperty extends EdmValueType {
  /** JSON member name on the wire (also the generated property name, quoted when needed). */
  readonly wireName: string;
  readonly isKey: boolean;
  readonly maxLength: string | undefined;
  /** `Org.OData.Core.V1.IsLanguageDependent`: a localized option string, deliberately not an enum. */
  readonly languageDependent: boolean;
  readonly writableOnCreate: boolean;
  readonly writableOnUpdate: boolean;
  /** Caption or description from annotations, raw (escaped by the emitter). */
  readonly caption: string | undefined;
}

export interface EdmNavigation {
  readonly wireName: string;
  readonly targetType: string;
  readonly collection: boolean;
  readonly nullable: boolean;
  readonly containsTarget: boolean;
  readonly partner: string | undefined;
  readonly constraints: readonly { readonly property: string; readonly referencedProperty: string }[];
  /** Collection of contained lines that BC accepts in a deep insert (`salesOrderLines`). */
  readonly deepInsert: boolean;
}

export interface EdmOperation {
  readonly kind: "action" | "function";
  /** Name in URLs: `Microsoft.NAV.shipAndInvoice` (bound) or the import name `CompanySetupService_ConfigureCompany` (unbound). */
  readonly wireName: string;
  /** Generated member name, decoded and unique within its owner. */
  readonly memberName: string;
  readonly parameters: readonly (EdmValueType & { readonly wireName: string })[];
  readonly returns: EdmValueType | null;
}

export interface EntityTypeNames {
  readonly read: string;
  readonly create: string;
  readonly update: string;
  readonly model: string;
  readonly fields: string;
  readonly navigation: string;
  readonly actions: string;
  readonly descriptor: string;
  /** Module file name without extension, e.g. `sales-order-line`. */
  readonly file: string;
}

export interface EdmEntityType {
  readonly kind: "entityType";
  readonly qualifiedName: string;
  readonly wireName: string;
  readonly names: EntityTypeNames;
  readonly keys: readonly string[];
  readonly properties: readonly EdmProperty[];
  readonly navigation: readonly EdmNavigation[];
  readonly actions: readonly EdmOperation[];
  readonly caption: string | undefined;
}

export interface EdmComplexType {
  readonly kind: "complexType";
  readonly qualifiedName: string;
  readonly name: string;
  readonly properties: readonly EdmProperty[];
}

export interface EdmEnumMember {
  readonly wireName: string;
  /** Readable key: `G_x002F_L_x0020_Account` → `G_L_Account`; blank → `Blank`; `"0"` → `_0`. */
  readonly key: string;
  readonly value: number;
}

export interface EdmEnumType {
  readonly kind: "enumType";
  readonly qualifiedName: string;
  readonly name: string;
  readonly members: readonly EdmEnumMember[];
}

export type SetScope = "company" | "root";

export interface EdmEntitySet {
  readonly wireName: string;
  /** Key in the route's `sets` and member of the client: the wire name, renamed (with a note) when it is a client member (`invoke` → `invoke_2`). */
  readonly key: string;
  readonly entityType: string;
  readonly constName: string;
  readonly scope: SetScope;
  /** `Org.OData.Core.V1.OptimisticConcurrency` on the set: writes need If-Match. */
  readonly optimisticConcurrency: boolean;
  readonly capabilities: { readonly insert: boolean; readonly update: boolean; readonly delete: boolean };
}

export interface EdmModel {
  readonly routeName: string;
  readonly routeKind: "api" | "odatav4";
  readonly routePath: string;
  readonly routeConst: string;
  /** From the config, else inferred from the document (`inferDialect`). */
  readonly dialect: "business-central" | "odata";
  readonly entityTypes: readonly EdmEntityType[];
  readonly complexTypes: readonly EdmComplexType[];
  readonly enumTypes: readonly EdmEnumType[];
  readonly entitySets: readonly EdmEntitySet[];
  readonly unboundOperations: readonly EdmOperation[];
  /** Things skipped on purpose, for the CLI to print (never silently dropped). */
  readonly notes: readonly string[];
}
