import type { BenchDocument } from "../bench-document.js";
import { countLosses, type LossCounts } from "../losses/count-losses.js";
import type { MetadataInventory } from "../losses/metadata-inventory.js";
import { measured, notMeasured, type Measured } from "../measured.js";
import { measureOutputSize, type OutputSize } from "../output/output-size.js";
import { generatedDir } from "../paths.js";
import { measureRoundRobin } from "../process/repeat-measurement.js";
import type { ToolAdapter } from "../tools/tool-adapter.js";

export interface GenerationResult {
  readonly tool: ToolAdapter["id"];
  readonly document: string;
  /** medians of the generator process: wall time, CPU time (user+sys) in ms, peak RSS in MB */
  readonly run: Measured<{ readonly wallMs: number; readonly cpuMs: number | null; readonly peakRssMb: number | null; readonly runs: number }>;
  readonly size: Measured<OutputSize>;
  readonly losses: Measured<LossCounts>;
  /** where the generated code is (kept from the last run), null if generation failed */
  readonly codeDir: string | null;
}

/**
 * Generates `doc` with every available tool, `runs` times round-robin, into
 * .work/gen/<doc>/<tool>; then sizes and scans each tool's last output.
 */
export async function measureGenerations(
  tools: readonly { readonly adapter: ToolAdapter; readonly unavailable: string | null }[],
  doc: BenchDocument,
  inventory: MetadataInventory,
  runs: number,
): Promise<GenerationResult[]> {
  const runnable = tools.filter((t) => !t.unavailable);
  const measurements = await measureRoundRobin(
    runnable.map(({ adapter }) => {
      const outDir = generatedDir(doc.id, adapter.id);
      return { spec: adapter.generation(doc, outDir), prepare: () => adapter.prepare(doc, outDir) };
    }),
    runs,
  );
  return tools.map(({ adapter, unavailable }) => {
    const base = { tool: adapter.id, document: doc.id };
    if (unavailable) {
      const skipped = notMeasured(unavailable);
      return { ...base, run: skipped, size: skipped, losses: skipped, codeDir: null };
    }
    const r = measurements[runnable.findIndex((t) => t.adapter === adapter)]!;
    if (!r.ok) {
      const failed = notMeasured(`generation failed after ${(r.wallMs / 1000).toFixed(1)} s: ${r.reason}`);
      return { ...base, run: failed, size: failed, losses: failed, codeDir: null };
    }
    const codeDir = adapter.codeDir(doc, generatedDir(doc.id, adapter.id));
    return {
      ...base,
      run: measured({ wallMs: r.wallMs, cpuMs: r.cpuMs, peakRssMb: r.peakRssMb, runs: r.runs }),
      size: measured(measureOutputSize(codeDir)),
      losses: measured(countLosses(inventory, adapter.survivalProbe(doc, codeDir))),
      codeDir,
    };
  });
}
