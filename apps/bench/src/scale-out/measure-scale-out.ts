import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { startEmulator } from "@bcts/emulator";
import { BUSINESS_CENTRAL_ONLINE_LIMITS } from "@bcts/redis";
// The worker's JSON contract and the redis-server starter are the sample's own (the bench runs the same worker file).
import type { WorkerConfig, WorkerResult } from "../../../sample/src/multi-worker-worker.js";
import { startRedisServer } from "../../../sample/src/start-redis-server.js";
import { repoRoot } from "../paths.js";
import { startCountingProxy } from "./counting-proxy.js";

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
 * (BC's limits, `latencyInMs` per request) behind a counting proxy. Workers are separate processes
 * (the sample's worker file); timing starts when all of them are loaded and connected.
 */
export async function measureScaleOut(settings: ScaleOutSettings = defaultScaleOutSettings, log: (line: string) => void = () => undefined): Promise<readonly ScaleOutRun[]> {
  const emu = await startEmulator({ bc: { limits: { maxConcurrent: BC_LIMITS.maxConcurrency, maxQueue: 95, maxRequestsPerWindow: BC_LIMITS.maxRequestsPerWindow, windowMs: BC_LIMITS.windowInMs } } });
  emu.bc.faults.add({ match: { path: "/companies" }, action: { kind: "latency", ms: settings.latencyInMs } });
  const proxy = await startCountingProxy(emu.bcBaseUrl);
  const redis = await startRedisServer();
  const runs: ScaleOutRun[] = [];
  try {
    for (const workers of settings.workerCounts) {
      for (const shared of [false, true]) {
        const run = await measureOne(workers, shared);
        log(`  ${workers} worker(s) ${shared ? "with @bcts/redis" : "without"}: max ${run.maxInFlight} in flight, ${run.tooManyRequests}× 429, ${run.tokenRequests} token request(s), ${(run.requests / run.seconds).toFixed(1)} req/s = ${run.throughputRatio.toFixed(2)} of the limit${run.errors.length ? `, errors: ${run.errors.join("; ")}` : ""}`);
        runs.push(run);
      }
    }
  } finally {
    await proxy.close();
    await redis.stop();
    await emu.close();
  }
  return runs;

  async function measureOne(workers: number, shared: boolean): Promise<ScaleOutRun> {
    const per = Math.ceil(settings.totalRequests / workers);
    const keyPrefix = `bench:${Date.now()}:${workers}:${shared}:`; // a cold token cache and fresh limiter state per run
    const children = Array.from({ length: workers }, (_, index) =>
      startWorker({
        index, requests: per, parallel: settings.parallelPerWorker, url: `${emu.serviceRootUrl("api/v2.0").replace(emu.bcBaseUrl, proxy.origin)}/companies`,
        redisUrl: shared ? redis.url : null, keyPrefix, limits: BC_LIMITS, waitForGo: true,
        auth: { tenantId: emu.tenantId, clientId: emu.clientId, authorityHost: emu.authorityHost, caPem: emu.caPem },
      }, emu.clientSecret),
    );
    await Promise.all(children.map((c) => c.ready));
    const tokensBefore = tokenPosts();
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
      tokenRequests: tokenPosts() - tokensBefore,
      throughputRatio: requests / seconds / (BC_LIMITS.maxConcurrency / (settings.latencyInMs / 1000)),
      errors: [...new Set(results.flatMap((r) => (r.error ? [r.error] : [])))],
    };
  }

  function tokenPosts(): number {
    return emu.entra.requests.filter((r) => r.method === "POST" && r.path.endsWith("/oauth2/v2.0/token")).length;
  }
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
      resolve(last ?? { index: config.index, ok: 0, throttled: 0, failed: config.requests, waitedInMs: 0, error: `worker exited with code ${code}` });
    });
  });
  child.on("error", () => undefined); // a worker that died already reports through "exit"
  return { ready, go: () => void (child.connected && child.send({ type: "go" })), result };
}
