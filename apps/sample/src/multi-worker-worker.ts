// One worker of the multi-worker scenario (and of the bench's scale-out section): a separate
// process that sends its share of requests for ONE identity. With a Redis URL it shares the
// identity's limits and token with every other worker through @bcts/redis; without one it is
// what N processes do today: each keeps its own 5-slot limit and fetches its own token.
//
// Configuration: BCTS_MULTI_WORKER (JSON, no secret) and BCTS_MULTI_WORKER_SECRET (the client secret).
// Progress lines go to stdout; the final figures also go to the parent over IPC when there is one.
import { ClientSecretProvider } from "@bcts/auth";
import { createRedisConnection, identityKey, RedisRequestLimiter, RedisTokenCache, type IdentityLimits, type LimiterLease, type RequestLimiter } from "@bcts/redis";

export interface WorkerConfig {
  readonly index: number;
  readonly requests: number;
  /** Requests this worker keeps going at once (its own callers). */
  readonly parallel: number;
  /** Full URL each request GETs, e.g. …/api/v2.0/companies. */
  readonly url: string;
  readonly redisUrl: string | null;
  readonly keyPrefix: string;
  readonly limits: IdentityLimits;
  readonly auth: { readonly tenantId: string; readonly clientId: string; readonly authorityHost?: string; readonly caPem?: string };
  /** Warm up, then wait for a "go" message from the parent before the first request (the bench times from there). */
  readonly waitForGo: boolean;
}

export interface WorkerResult {
  readonly index: number;
  readonly ok: number;
  readonly throttled: number;
  readonly failed: number;
  readonly waitedInMs: number;
  /** CPU time this process used from the first request to the last (user + system), ms. */
  readonly cpuInMs: number;
  readonly error?: string;
}

const config = JSON.parse(process.env["BCTS_MULTI_WORKER"] ?? "{}") as WorkerConfig;
const secret = process.env["BCTS_MULTI_WORKER_SECRET"] ?? "";

/** What each worker had before @bcts/redis: its own slots, no shared window or pause. */
function processLocalLimiter(max: number): RequestLimiter {
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    acquire: async () => {
      if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
      else active++;
      return {
        waitedInMs: 0,
        release: async () => {
          const next = waiting.shift();
          if (next) next();
          else active--;
        },
      };
    },
    pause: async (_identity, pause) => void (await new Promise((r) => setTimeout(r, pause.delayInMs))),
    snapshot: async () => ({ inFlight: active, queued: waiting.length, windowUsed: 0, pausedUntil: 0 }),
  };
}

async function main(): Promise<WorkerResult> {
  const redis = config.redisUrl ? createRedisConnection(config.redisUrl) : undefined;
  const provider = new ClientSecretProvider({
    tenantId: config.auth.tenantId, clientId: config.auth.clientId, clientSecret: secret,
    ...(config.auth.authorityHost ? { authorityHost: config.auth.authorityHost } : {}),
    ...(config.auth.caPem ? { ca: config.auth.caPem } : {}),
    ...(redis ? { sharedCache: new RedisTokenCache({ redis, keyPrefix: config.keyPrefix }) } : {}),
  });
  const limiter = redis ? new RedisRequestLimiter({ redis, limits: config.limits, keyPrefix: config.keyPrefix }) : processLocalLimiter(config.limits.maxConcurrency);
  const identity = identityKey(provider);
  if (config.waitForGo && process.send) {
    // Warm up before the parent's clock starts, as a long-running worker is: Redis connected, the
    // HTTP code compiled and a connection to the server open. The GET has no token, so the server
    // refuses it (401) without counting it against the identity.
    if (limiter instanceof RedisRequestLimiter) await limiter.snapshot(identity).catch(() => undefined);
    await fetch(config.url, { headers: { accept: "application/json" } }).then((r) => r.arrayBuffer(), () => undefined);
    await new Promise<void>((resolve) => {
      process.once("message", () => resolve());
      process.send!({ type: "ready" });
    });
  }
  const cpuAtStart = process.cpuUsage();
  let next = 0;
  let printed = 0;
  // A busy authority (or a busy machine) can fail a token request; @bcts/auth errors say whether a retry can help.
  const tokenWithRetries = async (): Promise<string> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await provider.getToken()).token;
      } catch (error) {
        if (attempt >= 5 || (error as { retryable?: boolean }).retryable !== true) throw error;
        await new Promise((r) => setTimeout(r, 500 * attempt));
      }
    }
  };
  const result = { index: config.index, ok: 0, throttled: 0, failed: 0, waitedInMs: 0, cpuInMs: 0 };
  const one = async (): Promise<void> => {
    for (;;) {
      // The token first: a slot is not held while the token is requested.
      const token = await tokenWithRetries();
      let lease: LimiterLease | undefined = await limiter.acquire(identity, { deadline: Date.now() + 120_000 });
      try {
        result.waitedInMs += lease.waitedInMs;
        const response = await fetch(config.url, { headers: { authorization: `Bearer ${token}`, accept: "application/json" } });
        await response.arrayBuffer();
        await lease.release();
        lease = undefined;
        if (response.status === 429 || response.status === 503) {
          result.throttled++;
          const retryAfter = Number(response.headers.get("retry-after"));
          await limiter.pause(identity, { delayInMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 1_000, reason: String(response.status) });
          continue; // the same request again
        }
        if (response.ok) result.ok++;
        else result.failed++;
        return;
      } finally {
        await lease?.release();
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(config.parallel, config.requests) }, async () => {
      while (next < config.requests) {
        next++;
        await one();
        const done = result.ok + result.failed;
        if ((done % Math.max(1, Math.round(config.requests / 4)) === 0 || done === config.requests) && done > printed) {
          printed = done;
          process.stdout.write(`worker ${config.index}: ${done}/${config.requests} requests, ${result.throttled}× 429/503, waited ${(result.waitedInMs / 1000).toFixed(1)} s for slots\n`);
        }
      }
    }),
  );
  const cpu = process.cpuUsage(cpuAtStart);
  result.cpuInMs = (cpu.user + cpu.system) / 1000;
  if (limiter instanceof RedisRequestLimiter) await limiter.close();
  redis?.disconnect();
  return result;
}

/** Hands the result to the parent (when there is one and it still listens), then lets the process end. */
function report(result: WorkerResult): void {
  if (process.send && process.connected) process.send({ type: "done", result }, undefined, undefined, () => process.disconnect());
}

main().then(
  (result) => report(result),
  (error: unknown) => {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    process.stderr.write(`worker ${config.index}: ${message}\n`);
    process.exitCode = 1;
    report({ index: config.index, ok: 0, throttled: 0, failed: config.requests, waitedInMs: 0, cpuInMs: 0, error: message });
  },
);
