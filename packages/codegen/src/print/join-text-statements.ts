/**
 * A file of text statements as ts-morph's source file printer writes it, without ts-morph: before
 * each statement a blank line when the text so far ends with `}` (white space aside), else a line
 * break, none before the first; a line break at the end. Only for texts without `\r` (ts-morph's
 * writer rewrites line endings); `printFiles` passes anything else to ts-morph.
 *
 * @example joinTextStatements(["// banner", "import { a } from \"a\";", "interface A {\n}", "const b = 1;"])
 * // "// banner\nimport { a } from \"a\";\ninterface A {\n}\n\nconst b = 1;\n"
 *
 * Why: with interfaces and imports printed as text (`structures-as-text.ts`), most files are text
 * only, and then nothing needs ts-morph: a run whose every file is text does not load it
 * (~100 ms on a quiet machine). A test compares the bytes with ts-morph's on every fixture.
 */
export function joinTextStatements(statements: readonly string[]): string {
  let out = "";
  for (const text of statements) {
    if (out !== "") {
      if (lastNonWhitespace(out) === 125 /* } */) out += out.endsWith("\n\n") ? "" : out.endsWith("\n") ? "\n" : "\n\n";
      else if (!out.endsWith("\n")) out += "\n";
    }
    out += text;
  }
  return out === "" || out.endsWith("\n") ? out : `${out}\n`;
}

// ts-morph's white space (StringUtils.isWhitespaceCharCode).
const WHITESPACE: ReadonlySet<number> = new Set([" ", "\f", "\n", "\r", "\t", "\v", "\u00A0", "\u2028", "\u2029"].map((c) => c.charCodeAt(0)));

function lastNonWhitespace(text: string): number | undefined {
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (!WHITESPACE.has(c)) return c;
  }
  return undefined;
}
