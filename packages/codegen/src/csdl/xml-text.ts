import { CsdlParseError } from "./csdl-parse-error.js";
import { printable } from "./name-gate.js";

// The five predefined XML entities; a document may declare no others (DTDs are refused).
const PREDEFINED: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const REFERENCE = /&([^;&\s]{0,12});|&/g;
// XML 1.0 §2.2 Char: what a document may contain, as text or as a character reference.
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/**
 * Decodes the references in an attribute value or text node in one pass, as an XML parser must:
 * `caf&#233;` → `café`, `&#x41;` → `A`, `&amp;#233;` → `&#233;` (never decoded twice).
 * A reference to an undeclared entity, a bare `&`, or a reference to a character XML forbids
 * (`&#0;`, `&#xD800;`) is a `CsdlParseError` at `at`.
 *
 * @example decodeXmlText("G&amp;L &#8364;", "doc.xml", "EntityType[x]/@Name") // "G&L €"
 */
export function decodeXmlText(raw: string, source: string, at: string): string {
  if (!raw.includes("&")) return raw;
  return raw.replace(REFERENCE, (whole, body: string | undefined) => {
    if (body === undefined) throw new CsdlParseError(source, at, "'&' only as the start of a reference (&amp;)", printable(raw));
    const predefined = PREDEFINED[body];
    if (predefined !== undefined) return predefined;
    const numeric = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(body);
    if (numeric) {
      const code = numeric[1] !== undefined ? Number.parseInt(numeric[1], 16) : Number(numeric[2]);
      const char = code <= 0x10ffff ? String.fromCodePoint(code) : "";
      if (char !== "" && !NOT_XML_CHAR.test(char)) return char;
      throw new CsdlParseError(source, at, "a character reference to a character XML allows", whole, "References such as &#0; or &#xD800; are not well-formed XML.");
    }
    throw new CsdlParseError(source, at, "only the predefined entities (&lt; &gt; &amp; &quot; &apos;) or character references", printable(whole), "Entity declarations are refused, so no other entity can be defined.");
  });
}

/** The position of the first character XML 1.0 does not allow (control characters, lone surrogates), or -1. */
export function firstNonXmlChar(text: string): number {
  const match = NOT_XML_CHAR.exec(text);
  return match === null ? -1 : match.index;
}
