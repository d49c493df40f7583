/**
 * The primitive EDM types that occur in Business Central metadata, plus the three
 * structural kinds a property can have. Runtime descriptors use these strings to encode
 * literals (`'O''Brien'`, `2024-01-31`, unquoted GUIDs) and to decide what a property is.
 */
export type EdmPrimitive =
  | "Edm.String"
  | "Edm.Guid"
  | "Edm.Boolean"
  | "Edm.Byte"
  | "Edm.SByte"
  | "Edm.Int16"
  | "Edm.Int32"
  | "Edm.Int64"
  | "Edm.Decimal"
  | "Edm.Double"
  | "Edm.Single"
  | "Edm.Date"
  | "Edm.DateTimeOffset"
  | "Edm.TimeOfDay"
  | "Edm.Duration"
  | "Edm.Binary"
  | "Edm.Stream";

/**
 * How a structural property is encoded at runtime:
 * - an `EdmPrimitive`;
 * - `"enum"`: an EnumType member, sent as its raw wire name in a quoted literal (`'Credit_x0020_Memo'`);
 * - `"complex"`: a ComplexType value (not filterable);
 * - `"collection"`: a `Collection(...)` of anything (not filterable).
 */
export type PropertyKind = EdmPrimitive | "enum" | "complex" | "collection";

/**
 * Type-level marker for an enum-typed field in `EntityModel["fields"]`: `EnumField<"Open" | "Draft">`
 * lets the filter builder accept exactly those raw wire values.
 */
export interface EnumField<TWire extends string> {
  readonly kind: "enum";
  readonly values: TWire;
}

/** Type-level marker for a complex or collection field in `EntityModel["fields"]`: not filterable. */
export interface OpaqueField {
  readonly kind: "opaque";
}

/** What a field of `EntityModel["fields"]` can be. */
export type FieldType = Exclude<EdmPrimitive, "Edm.Stream"> | EnumField<string> | OpaqueField;
