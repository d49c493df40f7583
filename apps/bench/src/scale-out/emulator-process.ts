import { fork } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { repoRoot } from "../paths.js";

export interface EmulatorChildConfig {
  readonly limits: { readonly maxConcurrent: number; readonly maxQueue: number; readonly maxRequestsPerWindow: number; readonly windowMs: number };
  /** Added to every GET …/companies. */
  readonly latencyInMs: number;
}

/** What the workers need from the emulator (the client secret goes to them through their environment, never a log). */
export interface EmulatorEndpoints {
  readonly bcBaseUrl: string;
  /** …/api/v2.0 */
  readonly serviceRoot: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly authorityHost: string;
  readonly caPem: string;
}

export type EmulatorChildMessage = { readonly type: "ready"; readonly emulator: EmulatorEndpoints } | { readonly type: "token-requests"; readonly count: number };
export type EmulatorParentMessage = { readonly type: "token-requests" } | { readonly type: "close" };

export interface EmulatorProcess {
  readonly endpoints: EmulatorEndpoints;
  /** Token requests fake Entra has answered so far. */
  tokenRequests(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts the emulator (BC's limits, `latencyInMs` per …/companies) in a child process of its own
 * (emulator-child.ts), so that what it costs to emulate BC does not slow the bench's counting proxy
 * and timers — on a real deployment BC is another machine.
 */
export async function startEmulatorProcess(config: EmulatorChildConfig): Promise<EmulatorProcess> {
  const child = fork(join(repoRoot, "apps", "bench", "src", "scale-out", "emulator-child.ts"), [], {
    cwd: repoRoot,
    execArgv: ["--conditions=@bcts/source", "--import", "tsx"],
    env: { ...process.env, BCTS_SCALE_OUT_EMULATOR: JSON.stringify(config) },
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
  const ready = await next("ready");
  const send = (message: EmulatorParentMessage): void => void (child.connected && child.send(message));
  return {
    endpoints: ready.emulator,
    tokenRequests: async () => {
      const answer = next("token-requests");
      send({ type: "token-requests" });
      return (await answer).count;
    },
    close: async () => {
      if (child.exitCode !== null) return;
      send({ type: "close" });
      const timer = setTimeout(() => child.kill("SIGTERM"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
