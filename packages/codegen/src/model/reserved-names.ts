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

/**
 * Members of the runtime's route and company clients (`@bcts/odata` create-odata-client.ts, RESERVED_KEYS)
 * and of every plain object: an entity set keyed by one of these would be shadowed or would shadow
 * (`String(client)` calling a set client), so its key is renamed with a note. The URL keeps the wire name.
 */
export const CLIENT_MEMBERS: readonly string[] = [
  "set", "batch", "company", "toUrl", "invoke", "serviceRoot",
  ...Object.getOwnPropertyNames(Object.prototype).filter((n) => n !== "__proto__"),
];

/**
 * Members of the runtime's entity clients (`@bcts/odata` entity-client-impl.ts, RESERVED) and of every
 * object: a bound action named like one is renamed with a note (an action named `toString` would
 * otherwise be sent by `${entity}`); navigation and stream properties keep their wire name (it is
 * their URL segment) and are reported as unreachable through the entity client.
 */
export const ENTITY_CLIENT_MEMBERS: readonly string[] = [
  "toUrl", "get", "update", "delete", "executor", "type", "path",
  ...Object.getOwnPropertyNames(Object.prototype).filter((n) => n !== "__proto__"),
];

/** Files that codegen writes next to the entity modules (compared case-insensitively). */
export const RESERVED_FILES: readonly string[] = ["registry", "enums", "complex-types", "index", "paths", "operations", "openapi"];
