import { docComment, identifier, propertyKey } from "./literals.js";

/**
 * `/** doc *\/ export const name = initializer;` as statement text. Multi-line initializers are
 * printed verbatim this way (ts-morph would re-indent them as a hanging continuation).
 */
export function constStatement(name: string, initializer: string, doc?: string, type?: string): string {
  return `${doc === undefined ? "" : `${docComment(doc)}\n`}export const ${identifier(name)}${type === undefined ? "" : `: ${type}`} = ${initializer};`;
}

/**
 * `export type Name = { readonly a: T; … };` as statement text. A type alias, not an interface, because
 * only object type aliases are assignable to the runtime's index-signature constraints (`EntityModel["fields"]`).
 */
export function typeAliasStatement(name: string, entries: readonly (readonly [string, string])[], doc: string): string {
  const body = entries.length === 0 ? "{}" : `{\n${entries.map(([k, v]) => `  readonly ${propertyKey(k)}: ${v};`).join("\n")}\n}`;
  return `${docComment(doc)}\nexport type ${identifier(name)} = ${body};`;
}
