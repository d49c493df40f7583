/**
 * The CSDL (OData v4 XML) elements that Business Central emits, mirrored as read: names are the
 * element and attribute names of the spec, nothing is resolved. `model/` turns this into the
 * resolved `EdmModel`.
 */
export interface CsdlDocument {
  readonly version: string;
  readonly schemas: readonly CsdlSchema[];
}

export interface CsdlSchema {
  readonly namespace: string;
  readonly alias: string | undefined;
  readonly entityTypes: readonly CsdlEntityType[];
  readonly complexTypes: readonly CsdlComplexType[];
  readonly enumTypes: readonly CsdlEnumType[];
  readonly actions: readonly CsdlOperation[];
  readonly functions: readonly CsdlOperation[];
  readonly entityContainer: CsdlEntityContainer | undefined;
  /** Schema-level `<Annotations Target="...">` blocks. */
  readonly annotations: readonly CsdlAnnotations[];
}

export interface CsdlEntityType {
  readonly name: string;
  readonly baseType: string | undefined;
  readonly abstract: boolean;
  readonly key: readonly string[];
  readonly properties: readonly CsdlProperty[];
  readonly navigationProperties: readonly CsdlNavigationProperty[];
  readonly annotations: readonly CsdlAnnotation[];
}

export interface CsdlComplexType {
  readonly name: string;
  readonly baseType: string | undefined;
  readonly properties: readonly CsdlProperty[];
  readonly navigationProperties: readonly CsdlNavigationProperty[];
  readonly annotations: readonly CsdlAnnotation[];
}

export interface CsdlProperty {
  readonly name: string;
  /** As written: `Edm.String`, `Microsoft.NAV.itemType`, `Collection(NAV.x)`. */
  readonly type: string;
  /** Absent means nullable (CSDL default). */
  readonly nullable: boolean;
  readonly maxLength: string | undefined;
  readonly precision: string | undefined;
  readonly scale: string | undefined;
  readonly annotations: readonly CsdlAnnotation[];
}

export interface CsdlNavigationProperty {
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
  readonly partner: string | undefined;
  readonly containsTarget: boolean;
  readonly referentialConstraints: readonly { readonly property: string; readonly referencedProperty: string }[];
  readonly annotations: readonly CsdlAnnotation[];
}

export interface CsdlEnumType {
  readonly name: string;
  readonly underlyingType: string | undefined;
  readonly isFlags: boolean;
  readonly members: readonly CsdlEnumMember[];
  readonly annotations: readonly CsdlAnnotation[];
}

export interface CsdlEnumMember {
  readonly name: string;
  /** Absent in the XML means "position in the list" (CSDL rule). */
  readonly value: string | undefined;
  readonly annotations: readonly CsdlAnnotation[];
}

export interface CsdlOperation {
  readonly kind: "action" | "function";
  readonly name: string;
  readonly isBound: boolean;
  readonly parameters: readonly CsdlParameter[];
  readonly returnType: { readonly type: string; readonly nullable: boolean } | undefined;
  readonly annotations: readonly CsdlAnnotation[];
}

export interface CsdlParameter {
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
}

export interface CsdlEntityContainer {
  readonly name: string;
  readonly entitySets: readonly CsdlEntitySet[];
  readonly singletons: readonly { readonly name: string; readonly type: string }[];
  readonly actionImports: readonly { readonly name: string; readonly action: string }[];
  readonly functionImports: readonly { readonly name: string; readonly function: string }[];
}

export interface CsdlEntitySet {
  readonly name: string;
  readonly entityType: string;
  readonly annotations: readonly CsdlAnnotation[];
}

export interface CsdlAnnotations {
  readonly target: string;
  readonly annotations: readonly CsdlAnnotation[];
}

export interface CsdlAnnotation {
  /** Qualified term name as written, declared or not (`Org.OData.Core.V1.IsLanguageDependent`, `NAV.LabelId`). */
  readonly term: string;
  readonly qualifier: string | undefined;
  readonly value: CsdlAnnotationValue;
}

/** Annotation values are kept structurally; terms nobody reads stay opaque. */
export type CsdlAnnotationValue =
  | { readonly kind: "none" }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "int"; readonly value: string }
  | { readonly kind: "enumMember"; readonly value: string }
  | { readonly kind: "path"; readonly value: string }
  | { readonly kind: "record"; readonly properties: readonly { readonly property: string; readonly value: CsdlAnnotationValue }[] }
  | { readonly kind: "collection"; readonly items: readonly CsdlAnnotationValue[] };
