import type { BenchDocument } from "../bench-document.js";
import type { ProcessSpec } from "../process/measure-process.js";
import type { SurvivalProbe } from "../losses/survival-probe.js";

export type ToolId = "bcts" | "odata2ts" | "odata2ts-unbundled" | "sap";

/** How the bench drives one code generator. Peers are run as installed, never copied. */
export interface ToolAdapter {
  readonly id: ToolId;
  readonly label: string;
  /** installed version(s), for the report */
  version(): string;
  /** null when the tool can run here; otherwise why it is "not measured" */
  unavailableReason(): Promise<string | null>;
  /** the command that generates code for `doc` into `outDir` (measured as a child process) */
  generation(doc: BenchDocument, outDir: string): ProcessSpec;
  /** run before each generation: clean `outDir`, stage the input the way the tool wants it */
  prepare(doc: BenchDocument, outDir: string): void;
  /** the folder whose files are the generated code (counted, type-checked, scanned) */
  codeDir(doc: BenchDocument, outDir: string): string;
  /** answers "did X survive" by reading the generated files */
  survivalProbe(doc: BenchDocument, codeDir: string): SurvivalProbe;
  /** compiler options the generated code needs besides the bench's strict defaults */
  readonly compilerOptions?: Readonly<Record<string, unknown>>;
}
