/** Names the generated modules import or declare themselves; generated type names must avoid them. */
export const RESERVED_EXPORTS: readonly string[] = [
  "EntityModel", "EnumField", "OpaqueField", "NavigationModel", "ActionModel", "OperationDescriptor",
  "defineEntitySet", "defineRoute", "createTypeRegistry", "registry", "paths", "operations", "Operations",
  "Models", "ModelOf", "CollectionQuery", "EntityQuery", "ODataErrorBody", "Json", "NoContent",
  // Global value/type names that generated code itself relies on.
  "Array", "Object", "String", "Number", "Boolean", "Promise", "undefined", "NaN", "Infinity",
];

/**
 * Words that cannot name an exported interface, type or const in a strict ES module. Generated
 * names only meet them under `naming: { types: "preserve" }` or `rename`; PascalCase never does.
 */
export const RESERVED_WORDS: readonly string[] = [
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "export",
  "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null", "return", "super",
  "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with",
  "implements", "interface", "let", "package", "private", "protected", "public", "static", "yield", "await", "eval", "arguments",
  "any", "bigint", "boolean", "never", "number", "object", "string", "symbol", "unknown",
];

/** Files that codegen writes next to the entity modules (compared case-insensitively). */
export const RESERVED_FILES: readonly string[] = ["registry", "enums", "complex-types", "index", "paths", "operations", "openapi"];
