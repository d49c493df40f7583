import { spawn } from "node:child_process";
import { join } from "node:path";
import { benchRoot } from "../paths.js";

export interface JsonChildOutput {
  /** The last stdout line parsed as JSON, or undefined when it is missing or not JSON. */
  readonly result: unknown;
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number | null;
}

/**
 * Runs one of the bench's TypeScript child scripts (workspace sources through tsx) in a fresh
 * process and reads the JSON line it prints last; killed after `timeoutMs`.
 *
 * @example
 * await runJsonChild("src/values/values-child.ts", { BENCH_CODECS: "{…}" }, 300_000) // { result: { reads: [...] }, … }
 */
export function runJsonChild(script: string, env: Readonly<Record<string, string>>, timeoutMs: number): Promise<JsonChildOutput> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=@bcts/source", "--import", "tsx", join(benchRoot, script)], {
      cwd: benchRoot,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on("data", (d: Buffer) => { stderr += d.toString(); });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (exitCode) => {
      clearTimeout(timer);
      let result: unknown;
      try {
        result = JSON.parse(stdout.trim().split("\n").at(-1) ?? "");
      } catch {
        result = undefined;
      }
      resolve({ result, stdout, stderr, exitCode });
    });
  });
}
