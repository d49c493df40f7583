import { IndentationText, loadTsMorph, NewLineKind, Project, QuoteKind, StructureKind } from "../ts-morph.js";
import type { SourceFileStructure } from "ts-morph";
import type { EmittedFile } from "../emit/emitted-file.js";
import { compareStrings } from "../model/compare-strings.js";

/** File name → exact bytes to write (LF line endings, banner first, sorted by name). */
export type PrintedFiles = ReadonlyMap<string, string>;

/**
 * Prints emitted structures. This is the only place a ts-morph `Project` exists; it lives in memory
 * and never touches the disk (writing is `writeOutput`'s job).
 */
export function printFiles(files: readonly EmittedFile[], bannerLine: string, options: { readonly reparse?: boolean } = {}): PrintedFiles {
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
        out.set(file.fileName, normalize(print({ kind: StructureKind.SourceFile, statements: [bannerLine, ...file.statements] })));
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

interface InternalContext {
  createWriter(): { toString(): string };
  structurePrinterFactory: { forSourceFile(options: { isAmbient: boolean }): { printText(writer: unknown, structure: SourceFileStructure): void } };
}

/**
 * Structures → text. ts-morph's public path (`createSourceFile`) prints and then parses the text into
 * an AST we never use; for a 2 MB document that parse is most of the printing time. The same printer
 * is reached through a node's context when this ts-morph version has it; otherwise (or with `reparse`)
 * the public path runs. A test checks that both give the same bytes.
 */
function structurePrinter(project: Project, reparse: boolean): (structure: SourceFileStructure) => string {
  const context = reparse ? undefined : (project.createSourceFile("/probe.ts", "") as unknown as { _context?: Partial<InternalContext> })._context;
  const factory = context?.structurePrinterFactory;
  if (context?.createWriter && factory?.forSourceFile) {
    const printer = factory.forSourceFile({ isAmbient: false });
    return (structure) => {
      const writer = context.createWriter!();
      printer.printText(writer, structure);
      return writer.toString();
    };
  }
  return (structure) => {
    const source = project.createSourceFile("/out/file.ts", structure, { overwrite: true });
    const text = source.getFullText();
    project.removeSourceFile(source);
    return text;
  };
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
