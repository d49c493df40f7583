import { mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
// The real compiler package (ts-morph bundles one without lib files on disk).
import ts from "typescript";

const here = dirname(fileURLToPath(import.meta.url));
const base = join(here, "../../../tsconfig.base.json");

/**
 * Type-checks every .ts file under `dir` with the repository's strict settings (and the
 * `@bcts/source` condition, so `@bcts/odata` resolves to its sources). Returns formatted diagnostics.
 */
export function typecheck(dir: string, compilerOptions: Record<string, unknown> = {}, include = ["**/*.ts"]): { diagnostics: string[]; files: number; programFiles: number; dirFiles: number; types: number; instantiations: number } {
  const tmp = join(here, ".tmp");
  mkdirSync(tmp, { recursive: true });
  const configPath = join(tmp, `tsconfig.${basename(dir)}.${include.length === 1 ? basename(include[0]!).replace(/\W/g, "_") : "all"}.json`);
  writeFileSync(configPath, `${JSON.stringify({ extends: relative(tmp, base), compilerOptions: { noEmit: true, types: [], ...compilerOptions }, include: include.map((i) => (relative(tmp, dir) === "" ? i : `${relative(tmp, dir)}/${i}`)) }, null, 2)}\n`);
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")); } });
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? `${relative(dir, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : "";
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
  // Files the compiler had to load besides TypeScript's own lib files.
  const programFiles = program.getSourceFiles().filter((f) => !program.isSourceFileDefaultLibrary(f)).length;
  // Of those, the files under `dir` (the generated client without the runtime it imports).
  const dirFiles = program.getSourceFiles().filter((f) => !relative(dir, f.fileName).startsWith("..")).length;
  // Counters the compiler reports with --extendedDiagnostics; internal API, stable across 5.x.
  const checker = program.getTypeChecker() as unknown as { getTypeCount(): number; getInstantiationCount(): number };
  return { diagnostics, files: parsed.fileNames.length, programFiles, dirFiles, types: checker.getTypeCount(), instantiations: checker.getInstantiationCount() };
}
