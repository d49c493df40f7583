import { CsdlParseError } from "./csdl-parse-error.js";

/**
 * The one gate every name read from a `$metadata` document passes, at the element it was read from.
 * Rules are CSDL's (OData v4.01 CSDL XML §17, SimpleIdentifier / QualifiedName), with two deliberate
 * differences decided from the real documents (7 captured BC documents, the client's and the
 * emulator's snapshots, the codegen test fixtures):
 *
 * - Format characters (Unicode Cf: bidi overrides, zero-width joiners, soft hyphen) are refused
 *   although CSDL allows them: they make generated code read differently from what it does
 *   ("Trojan Source"), and no Business Central document has one. BC writes every other character
 *   of an AL name as `_xHHHH_` (`G_x002F_L_x0020_Account`), which is itself a SimpleIdentifier.
 * - Enum member names may start with a digit (`Member Name="0"`, `1st_x0020_line`): AL enum values
 *   can be named like numbers, and the generated key escapes them (`_0`). The value on the wire stays
 *   the raw name in a string literal.
 *
 * Everything a name passes here is still escaped on the way out (`emit/literals.ts`): a decoded
 * `_x002A__x002F_` is `*\/` again, so the gate narrows the input and the escaping module guards output.
 *
 * @example
 * gateName("customer", "simpleIdentifier", "doc.xml", "EntityType[customer]", "Name"); // "customer"
 * gateName("x*\/y", "simpleIdentifier", …); // CsdlParseError: expected a CSDL SimpleIdentifier …
 */
export type NameRule = "simpleIdentifier" | "qualifiedName" | "typeReference" | "enumMember" | "path";

const START = "[\\p{L}\\p{Nl}_]";
const PART = "[\\p{L}\\p{Nl}\\p{Nd}\\p{Mn}\\p{Mc}\\p{Pc}]";
const SIMPLE = `${START}${PART}{0,127}`;
const QUALIFIED = `${SIMPLE}(?:\\.${SIMPLE})*`;

const RULES: Readonly<Record<NameRule, { readonly pattern: RegExp; readonly maxLength: number; readonly expected: string }>> = {
  simpleIdentifier: { pattern: new RegExp(`^${SIMPLE}$`, "u"), maxLength: 128, expected: "a CSDL SimpleIdentifier (a letter or _, then letters, digits or _, at most 128)" },
  qualifiedName: { pattern: new RegExp(`^${QUALIFIED}$`, "u"), maxLength: 511, expected: "a CSDL QualifiedName (SimpleIdentifiers joined by dots, at most 511)" },
  typeReference: { pattern: new RegExp(`^(?:${QUALIFIED}|Collection\\(${QUALIFIED}\\))$`, "u"), maxLength: 523, expected: "a type name (a QualifiedName or Collection(QualifiedName))" },
  enumMember: { pattern: new RegExp(`^[\\p{L}\\p{Nl}\\p{Nd}_]${PART}{0,127}$`, "u"), maxLength: 128, expected: "an enum member name (letters, digits or _, at most 128)" },
  path: { pattern: new RegExp(`^${SIMPLE}(?:/${SIMPLE})*$`, "u"), maxLength: 1024, expected: "a path of SimpleIdentifiers joined by /" },
};

// ASCII-only subsets of the rules above (every name they accept, the Unicode rule accepts too), tried
// first: Unicode property classes made the gate ~10 ms of reading ODataV4's ~100,000 names.
const A_SIMPLE = "[A-Za-z_][A-Za-z0-9_]{0,127}";
const A_QUALIFIED = `${A_SIMPLE}(?:\\.${A_SIMPLE})*`;
const ASCII: Readonly<Record<NameRule, RegExp>> = {
  simpleIdentifier: new RegExp(`^${A_SIMPLE}$`),
  qualifiedName: new RegExp(`^${A_QUALIFIED}$`),
  typeReference: new RegExp(`^(?:${A_QUALIFIED}|Collection\\(${A_QUALIFIED}\\))$`),
  enumMember: /^[A-Za-z0-9_][A-Za-z0-9_]{0,127}$/,
  path: new RegExp(`^${A_SIMPLE}(?:/${A_SIMPLE})*$`),
};

const REMEDY = "Business Central writes other characters of AL names as _xHHHH_ (G_x002F_L_x0020_Account); a name outside these rules means the document was not written by BC or was altered. Fetch $metadata again and compare it with the snapshot.";

/** `value` if it follows `rule`; otherwise a `CsdlParseError` naming the element and attribute. */
export function gateName(value: string, rule: NameRule, source: string, at: string, attribute: string): string {
  if (isValidName(value, rule)) return value;
  const { expected } = RULES[rule];
  throw new CsdlParseError(source, `${at}/@${attribute}`, expected, printable(value), REMEDY);
}

export function isValidName(value: string, rule: NameRule): boolean {
  const { pattern, maxLength } = RULES[rule];
  return value.length <= maxLength && (ASCII[rule].test(value) || pattern.test(value));
}

/**
 * A value quoted for an error message or a terminal: JSON-escaped (quotes, C0 controls), with C1
 * controls (U+009B starts a terminal escape sequence too), format characters and lone surrogates
 * written as `\uXXXX`, cut at 80 characters.
 *
 * @example printable("a\u001b[2Jb") // "\"a\\u001b[2Jb\""
 */
export function printable(value: string): string {
  const cut = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return JSON.stringify(cut).replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|\p{Cs}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
