import { IndentationText, loadTsMorph, NewLineKind, Project, QuoteKind, StructureKind } from "../ts-morph.js";
import { structurePrinter } from "./structure-printer.js";
import type { SourceFileStructure, StatementStructures } from "ts-morph";
import type { EmittedFile } from "../emit/emitted-file.js";
import { compareStrings } from "../model/compare-strings.js";

/** File name → exact bytes to write (LF line endings, banner first, sorted by name). */
export type PrintedFiles = ReadonlyMap<string, string>;

/**
 * Prints emitted structures. This is the only place a ts-morph `Project` exists; it lives in memory
 * and never touches the disk (writing is `writeOutput`'s job).
 */
export function printFiles(files: readonly EmittedFile[], bannerLine: string, options: { readonly reparse?: boolean; readonly standIns?: boolean } = {}): PrintedFiles {
  loadTsMorph();
  const project = new Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    manipulationSettings: { newLineKind: NewLineKind.LineFeed, indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Double, useTrailingCommas: true },
  });
  const print = structurePrinter(project, options.reparse === true);
  const out = new Map<string, string>();
  for (const file of [...files].sort((a, b) => compareStrings(a.fileName, b.fileName))) {
    switch (file.kind) {
      case "typescript":
        out.set(file.fileName, normalize(printWithStandIns(print, [bannerLine, ...file.statements], options.standIns !== false)));
        break;
      case "json":
        // JSON has no comments: the banner travels as an `x-` extension key, first.
        out.set(file.fileName, `${JSON.stringify({ "x-generated-by": bannerLine.replace(/^\/\/ /, ""), ...(file.value as object) }, null, 2)}\n`);
        break;
      default: {
        const unreachable: never = file;
        throw new Error(`unknown file kind ${JSON.stringify(unreachable)}`);
      }
    }
  }
  return out;
}

const MARK = "\u0000";

/**
 * Prints a file whose text statements stand in as short placeholders, put back afterwards.
 * The printer writes a text statement as it is (at the top level there is no indentation to add);
 * only what it puts between statements depends on the text: a blank line after a `}`, a newline
 * otherwise. So a placeholder ending in the same characters prints the same. About half of the
 * generated TypeScript is text statements (ODataV4: 1.0 of 2.0 MB) that the printer otherwise
 * scans character by character. A test compares the bytes with plain printing on every fixture.
 */
function printWithStandIns(print: (structure: SourceFileStructure) => string, statements: readonly (string | StatementStructures)[], enabled: boolean): string {
  const texts: string[] = [];
  const standIns = statements.map((statement) => {
    if (typeof statement !== "string" || !enabled) return statement;
    const end = statement.trimEnd().length - 1;
    if (end < 0 || statement.includes(MARK)) return statement;
    texts.push(statement.slice(0, end));
    return `${MARK}${texts.length - 1}${MARK}${statement.slice(end)}`;
  });
  const printed = print({ kind: StructureKind.SourceFile, statements: standIns });
  return texts.length === 0 ? printed : printed.replace(/\u0000(\d+)\u0000/g, (_, index: string) => texts[Number(index)]!);
}

// One blank line between top-level declarations; ts-morph adds them only around some structures.
function normalize(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  for (const line of lines) {
    const previous = out[out.length - 1];
    const startsDeclaration = /^(\/\*\*|export |declare |interface |type )/.test(line);
    const previousEnds = previous !== undefined && previous !== "" && !/^(export \* from|\/\/|\/\*\*|\s)/.test(previous) && /[;}]$/.test(previous);
    const afterImports = previous?.startsWith("import ") === true && !line.startsWith("import ");
    if ((startsDeclaration && previousEnds && !(previous.startsWith("import ") && line.startsWith("import "))) || (afterImports && line !== "")) out.push("");
    if (line === "" && previous === "") continue;
    out.push(line);
  }
  return `${out.join("\n").trimEnd()}\n`;
}
