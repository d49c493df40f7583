import type { SourceFileStructure } from "ts-morph";
import type { Project } from "../ts-morph.js";

interface InternalContext {
  createWriter(): { toString(): string };
  structurePrinterFactory: { forSourceFile(options: { isAmbient: boolean }): { printText(writer: unknown, structure: SourceFileStructure): void } };
}

/**
 * Structures → text. ts-morph's public path (`createSourceFile`) prints and then parses the text into
 * an AST we never use. The same printer is reached through a node's `_context` (ts-morph internals,
 * used nowhere else) when this ts-morph version has it; otherwise (or with `reparse`) the public path
 * runs. A test checks that both give the same bytes.
 *
 * Why the private path, measured (printFiles of ODataV4 in a fresh process, text statements as
 * stand-ins, 2-core VM): public path 682-683 ms, `_context` path 217-243 ms; before the stand-ins
 * 990-1387 ms vs 277-396 ms. For API v2.0 the lead measured 84 ms through `_context`.
 */
export function structurePrinter(project: Project, reparse: boolean): (structure: SourceFileStructure) => string {
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
