import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createRedisConnection, identityKey, RedisRequestLimiter, BUSINESS_CENTRAL_ONLINE_LIMITS } from "@bcts/redis";
import { log } from "../log.js";
import { startRedisServer } from "../start-redis-server.js";
import type { Target } from "../target.js";
import type { WorkerConfig, WorkerResult } from "../multi-worker-worker.js";

export interface MultiWorkerOptions {
  /** Worker processes. Default 4. */
  readonly workers?: number;
  /** Requests per worker. Default 25. */
  readonly requestsPerWorker?: number;
  /** An existing Redis (REDIS_URL); without it the scenario starts its own redis-server on a free port. */
  readonly redisUrl?: string;
  /** Live tenant only: the client secret the workers use (AZURE_CLIENT_SECRET). */
  readonly clientSecret?: string;
}

const workerFile = fileURLToPath(new URL("../multi-worker-worker.ts", import.meta.url));

/**
 * N worker processes, one Business Central identity: every worker GETs …/companies through a
 * RedisRequestLimiter and a RedisTokenCache on one Redis, so together they keep BC's limits (at most
 * 5 requests in flight) and request one token. One progress line per worker, then a summary.
 */
export async function multiWorker(target: Target, options: MultiWorkerOptions = {}): Promise<void> {
  const workers = options.workers ?? 4;
  const requests = options.requestsPerWorker ?? 25;
  const emu = target.emulator;
  const auth = emu
    ? { tenantId: emu.tenantId, clientId: emu.clientId, authorityHost: emu.authorityHost, caPem: emu.caPem, secret: emu.clientSecret }
    : { tenantId: target.tenantId, clientId: process.env["AZURE_CLIENT_ID"] ?? "", secret: options.clientSecret ?? "" };
  // BC takes time per request; on the emulator 100 ms makes the 5-slot limit visible.
  emu?.bc.faults.add({ match: { path: "/companies" }, action: { kind: "latency", ms: 100 } });

  const ownRedis = options.redisUrl ? undefined : await startRedisServer();
  const redisUrl = options.redisUrl ?? ownRedis!.url;
  log.step(`${workers} workers × ${requests} requests, one identity, shared through ${options.redisUrl ? "REDIS_URL" : `a redis-server started for this run (${redisUrl})`}`);
  const keyPrefix = `bcts-sample:${Date.now()}:`;
  const redis = createRedisConnection(redisUrl);
  const observer = new RedisRequestLimiter({ redis, keyPrefix });
  const identity = identityKey({ authority: `${auth.authorityHost ?? "https://login.microsoftonline.com"}/${auth.tenantId}`, tenantId: auth.tenantId, clientId: auth.clientId });
  const tokenRequestsBefore = emu ? emu.entra.requests.filter((r) => r.path.endsWith("/token")).length : 0;
  let maxInFlight = 0;
  const watch = setInterval(() => {
    observer.snapshot(identity).then((s) => (maxInFlight = Math.max(maxInFlight, s.inFlight)), () => undefined);
  }, 25);
  const started = performance.now();
  try {
    const results = await Promise.all(
      Array.from({ length: workers }, (_, index) => {
        const config: WorkerConfig = {
          index, requests, parallel: 5, url: `${target.serviceRootUrl}/companies`, redisUrl, keyPrefix, limits: BUSINESS_CENTRAL_ONLINE_LIMITS, waitForGo: false,
          auth: { tenantId: auth.tenantId, clientId: auth.clientId, ...(auth.authorityHost ? { authorityHost: auth.authorityHost, caPem: auth.caPem } : {}) },
        };
        return runWorker(config, auth.secret);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const ok = results.reduce((n, r) => n + r.ok, 0);
    log.step("Summary");
    log.detail(
      `${ok} of ${workers * requests} requests succeeded in ${seconds.toFixed(1)} s (${(ok / seconds).toFixed(1)} per second)`,
      `${results.reduce((n, r) => n + r.throttled, 0)} answered 429/503; ${results.reduce((n, r) => n + r.failed, 0)} failed otherwise`,
      `at most ${maxInFlight} requests of the identity in flight at once (Business Central allows 5), sampled from Redis every 25 ms`,
      ...(emu ? [`${emu.entra.requests.filter((r) => r.path.endsWith("/token")).length - tokenRequestsBefore} token request(s) for all ${workers} workers`] : []),
    );
    for (const r of results) if (r.error) log.detail(`worker ${r.index} failed: ${r.error}`);
  } finally {
    clearInterval(watch);
    await observer.close();
    redis.disconnect();
    await ownRedis?.stop();
  }
}

function runWorker(config: WorkerConfig, secret: string): Promise<WorkerResult> {
  const child: ChildProcess = fork(workerFile, [], {
    execArgv: ["--conditions=@bcts/source", "--import", "tsx"],
    env: { ...process.env, BCTS_MULTI_WORKER: JSON.stringify(config), BCTS_MULTI_WORKER_SECRET: secret },
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  child.stdout!.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim()) log.progress(line.trim());
  });
  return new Promise((resolve) => {
    let result: WorkerResult | undefined;
    child.on("message", (m: { type: string; result?: WorkerResult }) => {
      if (m.type === "done") result = m.result;
    });
    child.once("exit", (code) => resolve(result ?? { index: config.index, ok: 0, throttled: 0, failed: config.requests, waitedInMs: 0, cpuInMs: 0, error: `exited with code ${code}` }));
  });
}
