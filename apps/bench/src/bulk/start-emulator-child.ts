import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { benchRoot } from "../paths.js";

/** What the bulk section's emulator child is started with (JSON in `BENCH_BULK_EMULATOR`). */
export interface EmulatorChildSettings {
  readonly changeTracking: boolean;
  readonly limits?: { readonly maxConcurrent: number; readonly maxRequestsPerWindow: number; readonly windowMs: number };
  /** A latency fault for requests whose path matches `pathPattern` (a RegExp source). */
  readonly latency?: { readonly pathPattern: string; readonly ms: number };
}

/** The child's one stdout line: what a client needs (the emulator's demo values, not real credentials). */
export interface EmulatorChildReady {
  readonly tenantId: string;
  readonly environment: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly authorityHost: string;
  readonly caPem: string;
  readonly bcBaseUrl: string;
}

/** The child's last stdout line, on stop: the CPU time the emulator used. */
export interface EmulatorChildUsage {
  readonly cpuInMs: number;
}

export interface EmulatorChild extends EmulatorChildReady {
  /** The emulator's CPU time since it started. */
  usage(): Promise<EmulatorChildUsage>;
  /** Ends the child and waits for its exit. */
  stop(): Promise<void>;
}

/**
 * Starts `emulator-child.ts` (workspace sources through tsx) and resolves once it printed its URLs.
 *
 * @example
 * const emu = await startEmulatorChild({ changeTracking: true, latency: { pathPattern: "\\$batch$", ms: 200 } });
 * // … a client against emu.bcBaseUrl …
 * await emu.stop();
 */
export function startEmulatorChild(settings: EmulatorChildSettings, timeoutMs = 60_000): Promise<EmulatorChild> {
  const child = spawn(process.execPath, ["--conditions=@bcts/source", "--import", "tsx", join(benchRoot, "src", "bulk", "emulator-child.ts")], {
    cwd: benchRoot,
    env: { ...process.env, BENCH_BULK_EMULATOR: JSON.stringify(settings) },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on("line", (line) => waiting.shift()?.(line));
  const nextLine = () => new Promise<string>((resolve) => waiting.push(resolve));
  const usage = async (): Promise<EmulatorChildUsage> => {
    const line = nextLine();
    child.stdin.write("usage\n");
    return JSON.parse(await line) as EmulatorChildUsage;
  };
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async (): Promise<void> => {
    child.stdin.end();
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`The emulator child did not start within ${timeoutMs} ms.`));
    }, timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The emulator child exited (code ${code}) before it was ready.`));
    });
    void nextLine().then((line) => {
      clearTimeout(timer);
      resolve({ ...(JSON.parse(line) as EmulatorChildReady), usage, stop });
    });
  });
}
