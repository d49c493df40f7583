/**
 * The small slice of a CSDL document the fake BC server needs, resolved once per route.
 * Qualified names are `Namespace.Name` exactly as written in the document (`Microsoft.NAV.customer`, `NAV.Company`).
 */
export type EdmPrimitive =
  | "Edm.String"
  | "Edm.Guid"
  | "Edm.Boolean"
  | "Edm.Int32"
  | "Edm.Int64"
  | "Edm.Decimal"
  | "Edm.Double"
  | "Edm.Date"
  | "Edm.DateTimeOffset"
  | "Edm.TimeOfDay"
  | "Edm.Duration"
  | "Edm.Binary"
  | "Edm.Stream";

export type EdmPropertyType =
  | { readonly kind: "primitive"; readonly name: EdmPrimitive }
  | { readonly kind: "enum"; readonly name: string }
  | { readonly kind: "complex"; readonly name: string; readonly collection: boolean }
  | { readonly kind: "other"; readonly name: string; readonly collection: boolean };

export interface EdmProperty {
  readonly name: string;
  readonly type: EdmPropertyType;
  readonly nullable: boolean;
  readonly maxLength: number | undefined;
}

export interface EdmReferentialConstraint {
  /** Property on the declaring (source) type. */
  readonly property: string;
  /** Property on the target type. */
  readonly referencedProperty: string;
}

export interface EdmNavigationProperty {
  readonly name: string;
  readonly target: string;
  readonly collection: boolean;
  readonly containsTarget: boolean;
  readonly partner: string | undefined;
  readonly constraints: readonly EdmReferentialConstraint[];
}

export interface EdmEntityType {
  readonly qualifiedName: string;
  readonly name: string;
  readonly keys: readonly string[];
  readonly properties: ReadonlyMap<string, EdmProperty>;
  readonly navigation: ReadonlyMap<string, EdmNavigationProperty>;
}

export interface EdmCapabilities {
  readonly insertable: boolean;
  readonly updatable: boolean;
  readonly deletable: boolean;
}

export interface EdmEntitySet {
  readonly name: string;
  readonly entityType: string;
  readonly capabilities: EdmCapabilities;
}

export interface EdmEnumMember {
  /** Raw (XML-encoded) member name — this is the wire value, e.g. `In_x0020_Review`. */
  readonly name: string;
  readonly value: number;
}

export interface EdmEnumType {
  readonly qualifiedName: string;
  readonly members: readonly EdmEnumMember[];
}

export interface EdmBoundAction {
  readonly name: string;
  readonly qualifiedName: string;
  readonly bindingType: string;
  readonly bindingCollection: boolean;
}

export interface EdmModel {
  /** The document exactly as loaded, served byte-for-byte on `$metadata`. */
  readonly document: string;
  readonly namespaces: readonly string[];
  readonly containerName: string;
  readonly entityTypes: ReadonlyMap<string, EdmEntityType>;
  readonly entitySets: ReadonlyMap<string, EdmEntitySet>;
  readonly enumTypes: ReadonlyMap<string, EdmEnumType>;
  readonly complexTypes: ReadonlySet<string>;
  readonly boundActions: readonly EdmBoundAction[];
}
