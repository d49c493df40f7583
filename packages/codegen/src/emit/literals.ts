/**
 * Everything metadata text passes through on its way into generated code. Nothing from the
 * document is ever pasted raw: names become identifiers or quoted keys, text becomes string
 * literals or escaped doc comments.
 */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** A JavaScript string literal (double quotes) that is also valid JSON; U+2028/2029 escaped too. */
export function stringLiteral(text: string): string {
  return JSON.stringify(text).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/**
 * A property key usable in interfaces and object literals: `id`, `"@odata.etag"`, `"Sell-to"`.
 * `__proto__` is computed (`["__proto__"]`) because as a literal key it would set the prototype.
 */
export function propertyKey(name: string): string {
  if (name === "__proto__") return `[${stringLiteral(name)}]`;
  return IDENTIFIER.test(name) ? name : stringLiteral(name);
}

/** Text for a doc comment: one line, no `*\/`, no tags started by metadata (`@` → `&#64;`). */
export function docText(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ")
    .replace(/\*\//g, "*\\/")
    .replace(/@/g, "&#64;")
    .replace(/\s+/g, " ")
    .trim();
}

/** `{ a: 1, "b c": 2 }` from ordered entries whose values are already code. */
export function objectLiteral(entries: readonly (readonly [string, string])[], indent = ""): string {
  if (entries.length === 0) return "{}";
  const inner = `${indent}  `;
  // TypeScript gives keys named like Object.prototype members (`constructor`, `toString`, …) no literal
  // contextual type under an index signature, so their string values are pinned with `as const`.
  const value = (k: string, v: string) => (PROTOTYPE_KEYS.has(k) && v.startsWith('"') ? `${v} as const` : v);
  return `{\n${entries.map(([k, v]) => `${inner}${propertyKey(k)}: ${value(k, v)},`).join("\n")}\n${indent}}`;
}

/** `{ readonly a: T; readonly "b c": U }` on one line, for nested type literals. */
export function typeLiteral(entries: readonly (readonly [string, string])[], readonly = true): string {
  if (entries.length === 0) return "{}";
  return `{ ${entries.map(([k, v]) => `${readonly ? "readonly " : ""}${propertyKey(k)}: ${v};`).join(" ")} }`;
}
