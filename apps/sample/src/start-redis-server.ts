import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { createRedisConnection } from "@bcts/redis";

/** A redis-server started for one run; `stop()` ends it (SIGTERM) and waits for its exit. */
export interface LocalRedisServer {
  /** e.g. redis://127.0.0.1:41873 */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * A redis-server for this run only: a free port on 127.0.0.1, no persistence (`--save "" --appendonly no`),
 * never the shared one on 6379. Used by the multi-worker scenario and the bench's scale-out section.
 * Resolves once the server answers PING; rejects when redis-server is missing or stays silent for ~5 s.
 */
export async function startRedisServer(): Promise<LocalRedisServer> {
  const port = await new Promise<number>((resolve, reject) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  const failed = once(child, "error").then(([e]) => {
    throw new Error(`Could not start redis-server (${(e as Error).message}). Install Redis 7 or set REDIS_URL.`);
  });
  const probe = createRedisConnection(`redis://127.0.0.1:${port}`);
  try {
    await Promise.race([
      (async () => {
        for (let i = 0; i < 100; i++) {
          if (await probe.ping().then(() => true, () => false)) return;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error(`redis-server did not answer on port ${port}.`);
      })(),
      failed,
    ]);
  } finally {
    probe.disconnect();
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}
