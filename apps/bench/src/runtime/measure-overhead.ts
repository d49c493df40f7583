import { spawn } from "node:child_process";
import { join } from "node:path";
import { measured, notMeasured, type Measured } from "../measured.js";
import { benchRoot } from "../paths.js";
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

function runChild(tool: string, server: BenchServer, iterations: number): Promise<Measured<OverheadResult>> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=@bcts/source", "--import", "tsx", join(benchRoot, "src", "runtime", "overhead-child.ts")], {
      cwd: benchRoot,
      env: { ...process.env, BENCH_TOOL: tool, BENCH_TARGET: JSON.stringify(server.target), BENCH_ITERATIONS: String(iterations) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => { out += d.toString(); });
    child.stderr.on("data", (d: Buffer) => { err += d.toString(); });
    const timer = setTimeout(() => child.kill("SIGKILL"), 180_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      const line = out.trim().split("\n").at(-1) ?? "";
      try {
        const v = JSON.parse(line) as Omit<OverheadResult, "ratio">;
        resolve(measured({ ...v, ratio: v.clientMs / v.rawMs }));
      } catch {
        resolve(notMeasured(`consumer failed at runtime: ${failureSummary(`${out}\n${err}`, code)}`));
      }
    });
  });
}

/** The server's error message if one was printed, else the first error line (ANSI codes removed). */
function failureSummary(text: string, code: number | null): string {
  const plain = text.replace(/\u001b\[[0-9;]*m/g, "");
  const message = /"message"\s*:\s*"([^"]+)"/.exec(plain)?.[1];
  const line = plain.split("\n").find((l) => /Error|error/.test(l))?.trim();
  return (message ?? line ?? `exit code ${code}`).replace(/\.\s*$/, "").slice(0, 240);
}
