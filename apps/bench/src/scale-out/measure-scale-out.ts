import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { BUSINESS_CENTRAL_ONLINE_LIMITS, createRedisConnection } from "@bcts/redis";
// The worker's JSON contract and the redis-server starter are the sample's own (the bench runs the same worker file).
import type { WorkerConfig, WorkerResult } from "../../../sample/src/multi-worker-worker.js";
import { startRedisServer } from "../../../sample/src/start-redis-server.js";
import { repoRoot } from "../paths.js";
import { startCountingProxy } from "./counting-proxy.js";
import { startEmulatorProcess } from "../process/emulator-process.js";

/** One configuration: N worker processes of one identity, with or without @bcts/redis. */
export interface ScaleOutRun {
  readonly workers: number;
  readonly shared: boolean;
  readonly requests: number;
  readonly ok: number;
  readonly failed: number;
  /** Most requests in progress at the server at once (processing + queued). */
  readonly maxInFlight: number;
  /** 429 answers (BC's queue full / window exceeded), and 503s. */
  readonly tooManyRequests: number;
  readonly serviceUnavailable: number;
  /** Mean time a request spent at the server (arrival → response handed over), ms: the latency plus the emulator's own work. */
  readonly meanAtServerInMs: number;
  /** Mean time a freed slot stood empty before the next request arrived at the server, ms (see ProxyCounts). */
  readonly meanIdleInMs: number;
  readonly handovers: number;
  /** CPU time of the worker processes together ÷ requests, ms (steadier than throughput on a shared machine). */
  readonly workerCpuPerRequestInMs: number;
  /** Round trips to redis-server during the run ÷ requests: limiter and token-cache script calls and the token cache's GET/SET (0 without Redis). */
  readonly redisCallsPerRequest: number;
  /** Token requests to the authority during the run, for all workers together. */
  readonly tokenRequests: number;
  readonly seconds: number;
  /** Requests per second ÷ the limits' maximum (maxConcurrency ÷ per-request latency). */
  readonly throughputRatio: number;
  readonly errors: readonly string[];
}

export interface ScaleOutSettings {
  readonly workerCounts: readonly number[];
  readonly totalRequests: number;
  readonly latencyInMs: number;
  /** Requests each worker keeps going at once (its own callers). */
  readonly parallelPerWorker: number;
}

export const defaultScaleOutSettings: ScaleOutSettings = { workerCounts: [1, 4, 16], totalRequests: 200, latencyInMs: 250, parallelPerWorker: 5 };

const workerFile = join(repoRoot, "apps", "sample", "src", "multi-worker-worker.ts");
// Business Central online's per-identity limits (bc-api-facts §7); the emulator enforces the same.
const BC_LIMITS = BUSINESS_CENTRAL_ONLINE_LIMITS;

/**
 * Runs every worker count with and without the shared limiter/token cache against one emulator
 * (BC's limits, `latencyInMs` per request; a child process of its own) behind a counting proxy in
 * this process. Workers are separate processes (the sample's worker file); timing starts when all
 * of them are loaded, connected and warmed up (one unauthenticated GET each).
 */
export async function measureScaleOut(settings: ScaleOutSettings = defaultScaleOutSettings, log: (line: string) => void = () => undefined): Promise<readonly ScaleOutRun[]> {
  const emulator = await startEmulatorProcess({ limits: { maxConcurrent: BC_LIMITS.maxConcurrency, maxQueue: 95, maxRequestsPerWindow: BC_LIMITS.maxRequestsPerWindow, windowMs: BC_LIMITS.windowInMs }, latency: { pathPattern: "/companies", ms: settings.latencyInMs } });
  const emu = emulator;
  const proxy = await startCountingProxy(emu.bcBaseUrl, BC_LIMITS.maxConcurrency);
  const redis = await startRedisServer();
  const stats = createRedisConnection(redis.url, { enableOfflineQueue: true });
  const runs: ScaleOutRun[] = [];
  try {
    for (const workers of settings.workerCounts) {
      for (const shared of [false, true]) {
        const run = await measureOne(workers, shared);
        log(`  ${workers} worker(s) ${shared ? "with @bcts/redis" : "without"}: max ${run.maxInFlight} in flight, ${run.tooManyRequests}× 429, ${run.tokenRequests} token request(s), ${(run.requests / run.seconds).toFixed(1)} req/s = ${run.throughputRatio.toFixed(2)} of the limit, ${run.meanAtServerInMs.toFixed(1)} ms at BC per request, a freed slot idle ${run.meanIdleInMs.toFixed(1)} ms on average (${run.handovers} hand-overs), ${run.redisCallsPerRequest.toFixed(1)} Redis round trips and ${run.workerCpuPerRequestInMs.toFixed(1)} ms worker CPU per request${run.errors.length ? `, errors: ${run.errors.join("; ")}` : ""}`);
        runs.push(run);
      }
    }
  } finally {
    await proxy.close();
    stats.disconnect();
    await redis.stop();
    await emulator.close();
  }
  return runs;

  async function redisCalls(): Promise<number> {
    return countRedisCalls(await stats.info("commandstats"));
  }

  async function measureOne(workers: number, shared: boolean): Promise<ScaleOutRun> {
    const per = Math.ceil(settings.totalRequests / workers);
    const keyPrefix = `bench:${Date.now()}:${workers}:${shared}:`; // a cold token cache and fresh limiter state per run
    const children = Array.from({ length: workers }, (_, index) =>
      startWorker({
        index, requests: per, parallel: settings.parallelPerWorker, url: `${emu.serviceRoot.replace(emu.bcBaseUrl, proxy.origin)}/companies`,
        redisUrl: shared ? redis.url : null, keyPrefix, limits: BC_LIMITS, waitForGo: true,
        auth: { tenantId: emu.tenantId, clientId: emu.clientId, authorityHost: emu.authorityHost, caPem: emu.caPem },
      }, emu.clientSecret),
    );
    await Promise.all(children.map((c) => c.ready));
    const tokensBefore = await emulator.tokenRequests();
    const callsBefore = await redisCalls();
    proxy.reset();
    const started = performance.now();
    for (const c of children) c.go();
    const results = await Promise.all(children.map((c) => c.result));
    const seconds = (performance.now() - started) / 1000;
    const counts = proxy.counts();
    const requests = per * workers;
    return {
      workers, shared, requests, seconds,
      ok: results.reduce((n, r) => n + r.ok, 0),
      failed: results.reduce((n, r) => n + r.failed, 0),
      maxInFlight: counts.maxInFlight,
      tooManyRequests: counts.tooManyRequests,
      serviceUnavailable: counts.serviceUnavailable,
      meanAtServerInMs: counts.meanAtServerInMs,
      meanIdleInMs: counts.meanIdleInMs,
      handovers: counts.handovers,
      tokenRequests: (await emulator.tokenRequests()) - tokensBefore,
      workerCpuPerRequestInMs: results.reduce((n, r) => n + r.cpuInMs, 0) / requests,
      redisCallsPerRequest: ((await redisCalls()) - callsBefore) / requests,
      throughputRatio: requests / seconds / (BC_LIMITS.maxConcurrency / (settings.latencyInMs / 1000)),
      errors: [...new Set(results.flatMap((r) => (r.error ? [r.error] : [])))],
    };
  }
}

/**
 * Calls the workers have made so far, from INFO commandstats: script calls (EVALSHA, EVAL) and the
 * token cache's GET and SET. The commands a script runs inside are counted by Redis too, but they
 * are not round trips; of those only the token unlock script's GET is on this list (once per refresh).
 */
function countRedisCalls(info: string): number {
  let calls = 0;
  for (const line of info.split("\n")) {
    const m = /^cmdstat_([^:]+):calls=(\d+)/.exec(line);
    if (m && ["evalsha", "eval", "get", "set"].includes(m[1]!)) calls += Number(m[2]);
  }
  return calls;
}

function startWorker(config: WorkerConfig, secret: string): { ready: Promise<void>; go(): void; result: Promise<WorkerResult> } {
  const child: ChildProcess = fork(workerFile, [], {
    cwd: repoRoot,
    execArgv: ["--conditions=@bcts/source", "--import", "tsx"],
    env: { ...process.env, BCTS_MULTI_WORKER: JSON.stringify(config), BCTS_MULTI_WORKER_SECRET: secret },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));
  const result = new Promise<WorkerResult>((resolve) => {
    let last: WorkerResult | undefined;
    child.on("message", (m: { type: string; result?: WorkerResult }) => {
      if (m.type === "ready") resolveReady();
      if (m.type === "done") last = m.result;
    });
    child.once("exit", (code) => {
      resolveReady();
      resolve(last ?? { index: config.index, ok: 0, throttled: 0, failed: config.requests, waitedInMs: 0, cpuInMs: 0, error: `worker exited with code ${code}` });
    });
  });
  child.on("error", () => undefined); // a worker that died already reports through "exit"
  return { ready, go: () => void (child.connected && child.send({ type: "go" })), result };
}
