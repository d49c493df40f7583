/** Names the generated modules import or declare themselves; generated type names must avoid them. */
export const RESERVED_EXPORTS: readonly string[] = [
  "EntityModel", "EnumField", "OpaqueField", "NavigationModel", "ActionModel", "OperationDescriptor",
  "defineEntitySet", "defineRoute", "createTypeRegistry", "registry", "paths", "operations", "Operations",
  "Models", "ModelOf", "CollectionQuery", "EntityQuery", "ODataErrorBody", "Json", "NoContent",
  // Global value/type names that generated code itself relies on.
  "Array", "Object", "String", "Number", "Boolean", "Promise", "undefined", "NaN", "Infinity",
];

/** Files that codegen writes next to the entity modules (compared case-insensitively). */
export const RESERVED_FILES: readonly string[] = ["registry", "enums", "complex-types", "index", "paths", "operations", "openapi"];
