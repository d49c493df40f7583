/**
 * The one escaping module: everything metadata text passes through on its way into generated code.
 * Nothing from the document is ever pasted raw: names become identifiers (checked), quoted keys or
 * string literals; text becomes string literals or escaped doc comments; file names and module
 * specifiers are checked. The name gate (`csdl/name-gate.ts`) narrows what names can be; this module
 * is the guard on the way out, so a name the gate let through (or a decoded `_x002A__x002F_`, `*\/`)
 * still cannot end a comment, a string or a declaration.
 *
 * Control, invisible and bidi characters (Unicode Cc, Cf, U+2028/2029) are written as `\uXXXX` in
 * literals and replaced in comments, so generated code reads as it runs ("Trojan Source") and a
 * terminal showing it runs no escape sequence.
 */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
const PLAIN_DOC = /^[\x20-\x3f\x41-\x7e]*$/;
// Words that cannot be a binding name in a strict ES module (as a property key any word is fine).
const RESERVED_BINDINGS: ReadonlySet<string> = new Set([
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "export",
  "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null", "return", "super",
  "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "implements", "interface", "let",
  "package", "private", "protected", "public", "static", "yield", "await", "eval", "arguments",
]);

/** A JavaScript string literal (double quotes) that is also valid JSON; line/paragraph separators and format characters escaped. */
export function stringLiteral(text: string): string {
  // JSON.stringify escapes quotes, backslashes, control characters and lone surrogates.
  return JSON.stringify(text).replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * A property key usable in interfaces and object literals: `id`, `"@odata.etag"`, `"Sell-to"`.
 * `__proto__` is computed (`["__proto__"]`) because as a literal key it would set the prototype.
 */
export function propertyKey(name: string): string {
  if (name === "__proto__") return `[${stringLiteral(name)}]`;
  return IDENTIFIER.test(name) ? name : stringLiteral(name);
}

/**
 * A name declared by generated code (`export const customersSet`, `interface Customer`). The model
 * stage builds these from decoded names (`toIdentifier`); this check is the last line: a name that is
 * not a plain ASCII identifier is a codegen bug, never printed.
 */
export function identifier(name: string): string {
  if (!IDENTIFIER.test(name) || RESERVED_BINDINGS.has(name)) throw new Error(`@bcts/codegen internal error: ${stringLiteral(name)} is not a safe identifier`);
  return name;
}

/** `./customer.js` for a module of the output folder; the base must be a file name the model allocated (`[A-Za-z0-9_-]`). */
export function relativeModule(base: string): string {
  return `./${fileBase(base)}.js`;
}

/** `customer.ts`; same check as `relativeModule`, so a name can never reach outside the output folder. */
export function moduleFileName(base: string): string {
  return `${fileBase(base)}.ts`;
}

function fileBase(base: string): string {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_-]{0,200}$/.test(base)) throw new Error(`@bcts/codegen internal error: ${stringLiteral(base)} is not a safe file name`);
  return base;
}

/** Text for a doc comment: one line, no `*\/`, no tags started by metadata (`@` → `&#64;`), no invisible characters. */
export function docText(text: string): string {
  // Plain printable ASCII without `@`, `*/`, doubled or outer spaces (nearly every BC text) is already
  // what the replacements below would return; they were ~10 ms of ODataV4's emit.
  if (PLAIN_DOC.test(text) && !text.includes("*/") && !text.includes("  ") && text.trim() === text) return text;
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ")
    .replace(/\p{Cs}/gu, "\uFFFD")
    .replace(INVISIBLE, "\uFFFD")
    .replace(/\*\//g, "*\\/")
    .replace(/@/g, "&#64;")
    .replace(/\s+/g, " ")
    .trim();
}

/** `/** text *\/` on one line, `text` escaped by `docText`. */
export function docComment(text: string): string {
  return `/** ${docText(text)} */`;
}

/** `{ a: 1, "b c": 2 }` from ordered entries whose values are already code. */
export function objectLiteral(entries: readonly (readonly [string, string])[], indent = ""): string {
  if (entries.length === 0) return "{}";
  const inner = `${indent}  `;
  return `{\n${entries.map(([k, v]) => `${inner}${propertyKey(k)}: ${pinned(k, v)},`).join("\n")}\n${indent}}`;
}

/** `{ a: "x", toString: "y" as const }` on one line (`{}` when empty). */
export function inlineObjectLiteral(entries: readonly (readonly [string, string])[]): string {
  if (entries.length === 0) return "{}";
  return `{ ${entries.map(([k, v]) => `${propertyKey(k)}: ${pinned(k, v)}`).join(", ")} }`;
}

// TypeScript gives keys named like Object.prototype members (`constructor`, `toString`, …) no literal
// contextual type under an index signature, so their string and object values are pinned with
// `as const` (object values here never hold arrays, which `as const` would make readonly tuples).
function pinned(key: string, value: string): string {
  return PROTOTYPE_KEYS.has(key) && (value.startsWith('"') || value.startsWith("{")) ? `${value} as const` : value;
}

/** `{ readonly a: T; readonly "b c": U }` on one line, for nested type literals. */
export function typeLiteral(entries: readonly (readonly [string, string])[], readonly = true): string {
  if (entries.length === 0) return "{}";
  return `{ ${entries.map(([k, v]) => `${readonly ? "readonly " : ""}${propertyKey(k)}: ${v};`).join(" ")} }`;
}
