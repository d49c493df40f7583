/**
 * What the text printers (`interface-text.ts`, `import-text.ts`) check before printing a structure
 * themselves: the text leaves ts-morph's writer unchanged, and the structure has no key they do not
 * print. Anything else goes to ts-morph.
 */

/** A non-empty text without line breaks: ts-morph writes it as it is. */
export function oneLine(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "" && !/[\r\n\u2028\u2029]/.test(value);
}

/**
 * A one-line text of code whose characters leave ts-morph's writer as they found it: no `/` (comments,
 * regular expressions), `\\` or backtick, and every quote closed. The writer tracks strings to keep
 * line breaks inside them unindented; none of that can matter here.
 */
export function plainCode(value: unknown): value is string {
  if (!oneLine(value) || /[/\\`]/.test(value)) return false;
  let quote: string | undefined;
  for (const c of value) {
    if (c !== '"' && c !== "'") continue;
    if (quote === undefined) quote = c;
    else if (quote === c) quote = undefined;
  }
  return quote === undefined;
}

/** No key outside `allowed` has a value: a key a text printer does not know would be dropped. */
export function onlyKeys(structure: object, allowed: ReadonlySet<string>): boolean {
  for (const key in structure) if (!allowed.has(key) && (structure as Record<string, unknown>)[key] !== undefined) return false;
  return true;
}
