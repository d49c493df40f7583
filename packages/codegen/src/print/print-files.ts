import type { SourceFileStructure, StatementStructures } from "ts-morph";
import { IndentationText, loadTsMorph, NewLineKind, Project, QuoteKind } from "../ts-morph.js";
import { joinTextStatements } from "./join-text-statements.js";
import { printWithStandIns } from "./print-with-stand-ins.js";
import { structurePrinter } from "./structure-printer.js";
import { structuresAsText } from "./structures-as-text.js";
import type { EmittedFile } from "../emit/emitted-file.js";
import { compareStrings } from "../model/compare-strings.js";

/** File name → exact bytes to write (LF line endings, banner first, sorted by name). */
export type PrintedFiles = ReadonlyMap<string, string>;

/**
 * Prints emitted structures. This is the only place a ts-morph `Project` exists; it lives in memory
 * and never touches the disk (writing is `writeOutput`'s job).
 */
export function printFiles(files: readonly EmittedFile[], bannerLine: string, options: PrintOptions = {}): PrintedFiles {
  const print = createFilePrinter(options);
  const out = new Map<string, string>();
  for (const file of [...files].sort((a, b) => compareStrings(a.fileName, b.fileName))) out.set(file.fileName, print(file, bannerLine));
  return out;
}

export interface PrintOptions {
  readonly reparse?: boolean;
  readonly standIns?: boolean;
  /** `false`: ts-morph prints interfaces and imports too (`structures-as-text.ts`; tests compare the bytes). */
  readonly structuresAsText?: boolean;
}

/**
 * One file at a time (the print worker prints each file as it arrives); `printFiles` gives the same
 * texts. ts-morph is loaded and its printer set up on the first file that still has a structure
 * after `structuresAsText`: a run whose files are all text never loads it.
 */
export function createFilePrinter(options: PrintOptions = {}): (file: EmittedFile, bannerLine: string) => string {
  let print: ((structure: SourceFileStructure) => string) | undefined;
  const tsMorphPrint = (): ((structure: SourceFileStructure) => string) => {
    if (print !== undefined) return print;
    loadTsMorph();
    const project = new Project({
      useInMemoryFileSystem: true,
      skipAddingFilesFromTsConfig: true,
      manipulationSettings: { newLineKind: NewLineKind.LineFeed, indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Double, useTrailingCommas: true },
    });
    return (print = structurePrinter(project, options.reparse === true));
  };
  const standIns = options.standIns !== false;
  return (file, bannerLine) => {
    switch (file.kind) {
      case "typescript": {
        const statements = [bannerLine, ...(options.structuresAsText === false ? file.statements : structuresAsText(file.statements))];
        // With stand-ins, what ts-morph puts between text statements depends on their last characters
        // alone (print-with-stand-ins.ts): for text only, joinTextStatements writes the same.
        if (standIns && options.reparse !== true && allPlainText(statements)) return normalize(joinTextStatements(statements));
        return normalize(printWithStandIns(tsMorphPrint(), statements, standIns));
      }
      case "json":
        // JSON has no comments: the banner travels as an `x-` extension key, first.
        return `${JSON.stringify({ "x-generated-by": bannerLine.replace(/^\/\/ /, ""), ...(file.value as object) }, null, 2)}\n`;
      default: {
        const unreachable: never = file;
        throw new Error(`unknown file kind ${JSON.stringify(unreachable)}`);
      }
    }
  };
}

function allPlainText(statements: readonly (string | StatementStructures)[]): statements is string[] {
  return statements.every((statement) => typeof statement === "string" && !statement.includes("\r"));
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
