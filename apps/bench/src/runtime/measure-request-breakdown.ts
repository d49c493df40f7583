import { measured, notMeasured, type Measured } from "../measured.js";
import { runJsonChild } from "../process/run-json-child.js";

export interface RequestBreakdown {
  /** One row per variant, each adding one layer to the previous (first: raw fetch). */
  readonly rows: readonly { readonly id: string; readonly label: string; readonly us: number }[];
  readonly batches: number;
  readonly perBatch: number;
}

/** Runs `request-breakdown-child.ts` (in-memory fetch; CPU per layer) in a fresh process. */
export async function measureRequestBreakdown(): Promise<Measured<RequestBreakdown>> {
  const child = await runJsonChild("src/runtime/request-breakdown-child.ts", {}, 600_000);
  if (child.result === undefined) return notMeasured(`the breakdown child failed: ${child.stderr.split("\n").find((l) => /Error/.test(l))?.trim() ?? `exit code ${child.exitCode}`}`);
  return measured(child.result as RequestBreakdown);
}
