import { spawn } from "node:child_process";
import { join } from "node:path";
import type { BenchDocument } from "../bench-document.js";
import { measured, notMeasured, type Measured } from "../measured.js";
import { benchRoot } from "../paths.js";
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
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=@bcts/source", "--import", "tsx", join(benchRoot, "src", "values", "values-child.ts")], {
      cwd: benchRoot,
      env: { ...process.env, BENCH_CODECS: JSON.stringify(codecs) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => { out += d.toString(); });
    child.stderr.on("data", (d: Buffer) => { err += d.toString(); });
    const timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      try {
        resolve(measured(JSON.parse(out.trim().split("\n").at(-1) ?? "") as ValueCostResult));
      } catch {
        const line = `${err}\n${out}`.split("\n").find((l) => /Error/.test(l))?.trim();
        resolve(notMeasured(`the timing child failed: ${(line ?? `exit code ${code}`).slice(0, 240)}`));
      }
    });
  });
}
