import type { BenchDocument } from "../bench-document.js";
import { measured, notMeasured, type Measured } from "../measured.js";
import { runJsonChild } from "../process/run-json-child.js";
import { writeRouteCodecs } from "./route-codec.js";
import type { ValueCostResult } from "./value-cost.js";

/**
 * Value conversion cost: generates the codecs (untimed, in this process), then times them in a
 * fresh child process, so the bench's own heap (emulator, results) does not disturb the loops.
 */
export async function measureValueCost(doc: BenchDocument): Promise<Measured<ValueCostResult>> {
  let codecs: Record<string, string>;
  try {
    codecs = writeRouteCodecs(doc);
  } catch (error) {
    return notMeasured(`the codecs could not be generated: ${(error as Error).message.split("\n")[0]}`);
  }
  const child = await runJsonChild("src/values/values-child.ts", { BENCH_CODECS: JSON.stringify(codecs) }, 300_000);
  if (child.result !== undefined) return measured(child.result as ValueCostResult);
  const line = `${child.stderr}\n${child.stdout}`.split("\n").find((l) => /Error/.test(l))?.trim();
  return notMeasured(`the timing child failed: ${(line ?? `exit code ${child.exitCode}`).slice(0, 240)}`);
}
