import type { BenchDocument } from "../bench-document.js";
import { countLosses, type LossCounts } from "../losses/count-losses.js";
import type { MetadataInventory } from "../losses/metadata-inventory.js";
import { measured, notMeasured, type Measured } from "../measured.js";
import { measureOutputSize, type OutputSize } from "../output/output-size.js";
import { generatedDir } from "../paths.js";
import { repeatMeasurement } from "../process/repeat-measurement.js";
import type { ToolAdapter } from "../tools/tool-adapter.js";

export interface GenerationResult {
  readonly tool: ToolAdapter["id"];
  readonly document: string;
  /** median wall time (ms) and peak RSS (MB) of the generator process */
  readonly run: Measured<{ readonly wallMs: number; readonly peakRssMb: number | null; readonly runs: number }>;
  readonly size: Measured<OutputSize>;
  readonly losses: Measured<LossCounts>;
  /** where the generated code is (kept from the last run), null if generation failed */
  readonly codeDir: string | null;
}

/** Generates `runs` times into .work/gen/<doc>/<tool>, then sizes and scans the last output. */
export async function measureGeneration(
  tool: ToolAdapter,
  doc: BenchDocument,
  inventory: MetadataInventory,
  runs: number,
  unavailable: string | null,
): Promise<GenerationResult> {
  const base = { tool: tool.id, document: doc.id };
  if (unavailable) {
    const skipped = notMeasured(unavailable);
    return { ...base, run: skipped, size: skipped, losses: skipped, codeDir: null };
  }
  const outDir = generatedDir(doc.id, tool.id);
  const r = await repeatMeasurement(tool.generation(doc, outDir), runs, () => tool.prepare(doc, outDir));
  if (!r.ok) {
    const failed = notMeasured(`generation failed after ${(r.wallMs / 1000).toFixed(1)} s: ${r.reason}`);
    return { ...base, run: failed, size: failed, losses: failed, codeDir: null };
  }
  const codeDir = tool.codeDir(doc, outDir);
  return {
    ...base,
    run: measured({ wallMs: r.wallMs, peakRssMb: r.peakRssMb, runs: r.runs }),
    size: measured(measureOutputSize(codeDir)),
    losses: measured(countLosses(inventory, tool.survivalProbe(doc, codeDir))),
    codeDir,
  };
}
