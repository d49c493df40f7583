import { measured, notMeasured, type Measured } from "../measured.js";
import { runJsonChild } from "../process/run-json-child.js";
import type { BenchServer } from "./canned-server.js";

export interface OverheadResult {
  /** rows read by the five queries, in order (proves the consumer ran) */
  readonly rows: readonly number[];
  /** median ms per request of query 2 through the client, and through raw fetch */
  readonly clientMs: number;
  readonly rawMs: number;
  readonly iterations: number;
  /** median over repeated child runs of clientMs / rawMs */
  readonly ratio: number;
}

/** Runs the overhead child `runs` times for one tool and reports the median ratio. */
export async function measureOverhead(tool: string, server: BenchServer, iterations: number, runs: number): Promise<Measured<OverheadResult>> {
  const results: OverheadResult[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await runChild(tool, server, iterations);
    if (!r.ok) return r;
    results.push(r.value);
  }
  results.sort((a, b) => a.ratio - b.ratio);
  return measured(results[Math.floor(results.length / 2)]!);
}

async function runChild(tool: string, server: BenchServer, iterations: number): Promise<Measured<OverheadResult>> {
  const env = { BENCH_TOOL: tool, BENCH_TARGET: JSON.stringify(server.target), BENCH_ITERATIONS: String(iterations) };
  const child = await runJsonChild("src/runtime/overhead-child.ts", env, 180_000);
  if (child.result === undefined) return notMeasured(`consumer failed at runtime: ${failureSummary(`${child.stdout}\n${child.stderr}`, child.exitCode)}`);
  const v = child.result as Omit<OverheadResult, "ratio">;
  return measured({ ...v, ratio: v.clientMs / v.rawMs });
}

/** The server's error message if one was printed, else the first error line (ANSI codes removed). */
function failureSummary(text: string, code: number | null): string {
  const plain = text.replace(/\u001b\[[0-9;]*m/g, "");
  const message = /"message"\s*:\s*"([^"]+)"/.exec(plain)?.[1];
  const line = plain.split("\n").find((l) => /Error|error/.test(l))?.trim();
  return (message ?? line ?? `exit code ${code}`).replace(/\.\s*$/, "").slice(0, 240);
}
