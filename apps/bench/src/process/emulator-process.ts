import { fork } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import type { Emulator } from "@bcts/emulator";
import { benchRoot } from "../paths.js";

/** How the emulator child is started (JSON in `BENCH_EMULATOR`). */
export interface EmulatorSettings {
  /** Delta links (`Prefer: odata.track-changes`); off by default, as on BC online. */
  readonly changeTracking?: boolean;
  /** BC's per-identity limits; the emulator's defaults when left out. */
  readonly limits?: { readonly maxConcurrent: number; readonly maxQueue?: number; readonly maxRequestsPerWindow: number; readonly windowMs: number };
  /** Injected latency for requests whose path matches `pathPattern` (a RegExp source). */
  readonly latency?: { readonly pathPattern: string; readonly ms: number; readonly processing?: "after" | "during" };
}

/** What a client needs from the emulator (its demo values, not real credentials; the secret never goes to a log). */
export type EmulatorEndpoints = Pick<Emulator, "tenantId" | "environment" | "clientId" | "clientSecret" | "authorityHost" | "caPem" | "bcBaseUrl"> & {
  /** …/api/v2.0 */
  readonly serviceRoot: string;
};

export type EmulatorChildMessage =
  | { readonly type: "ready"; readonly endpoints: EmulatorEndpoints }
  | { readonly type: "token-requests"; readonly count: number }
  | { readonly type: "usage"; readonly cpuInMs: number };
export type EmulatorParentMessage = { readonly type: "token-requests" | "usage" | "close" };

export interface EmulatorProcess extends EmulatorEndpoints {
  /** Token requests fake Entra has answered so far. */
  tokenRequests(): Promise<number>;
  /** CPU time (user + system) the emulator process has used so far. */
  usage(): Promise<{ readonly cpuInMs: number }>;
  /** Ends the child and waits for its exit. */
  close(): Promise<void>;
}

/**
 * Starts the emulator in a child process of its own (emulator-child.ts, workspace sources through
 * tsx), so that what it costs to emulate BC does not share the bench's thread, heap and timers — on a
 * real deployment BC is another machine. Talks over IPC only.
 *
 * @example
 * const emu = await startEmulatorProcess({ changeTracking: true, latency: { pathPattern: "\\$batch$", ms: 200 } });
 * // … a client against emu.bcBaseUrl …
 * await emu.close();
 */
export async function startEmulatorProcess(settings: EmulatorSettings, timeoutInMs = 60_000): Promise<EmulatorProcess> {
  const child = fork(join(benchRoot, "src", "process", "emulator-child.ts"), [], {
    cwd: benchRoot,
    execArgv: ["--conditions=@bcts/source", "--import", "tsx"],
    env: { ...process.env, BENCH_EMULATOR: JSON.stringify(settings) },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const exited = once(child, "exit");
  const next = <T extends EmulatorChildMessage["type"]>(type: T): Promise<Extract<EmulatorChildMessage, { type: T }>> =>
    Promise.race([
      new Promise<Extract<EmulatorChildMessage, { type: T }>>((resolve) => {
        const on = (m: EmulatorChildMessage): void => {
          if (m.type !== type) return;
          child.off("message", on);
          resolve(m as Extract<EmulatorChildMessage, { type: T }>);
        };
        child.on("message", on);
      }),
      exited.then(([code]) => Promise.reject(new Error(`the emulator process exited (code ${String(code)})`))),
    ]);
  const send = (message: EmulatorParentMessage): void => void (child.connected && child.send(message));
  const ask = async <T extends "token-requests" | "usage">(type: T): Promise<Extract<EmulatorChildMessage, { type: T }>> => {
    const answer = next(type);
    send({ type });
    return answer;
  };
  const close = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    send({ type: "close" });
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const startup = setTimeout(() => child.kill("SIGKILL"), timeoutInMs);
  try {
    const ready = await next("ready");
    return {
      ...ready.endpoints,
      tokenRequests: async () => (await ask("token-requests")).count,
      usage: async () => ({ cpuInMs: (await ask("usage")).cpuInMs }),
      close,
    };
  } finally {
    clearTimeout(startup);
  }
}
