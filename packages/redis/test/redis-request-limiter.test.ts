import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRedisConnection, identityKeys, LimiterWaitTimeoutError, RedisRequestLimiter, RedisUnavailableError, type RedisRequestLimiterOptions } from "../src/index.js";
import type { LimiterLease, RequestLimiter } from "@bcts/odata";
import { startRedisServer, type RedisServerProcess } from "./support/redis-server-process.js";

const LIMITS = { maxConcurrency: 5, maxRequestsPerWindow: 60, windowInMs: 3_000 };
let server: RedisServerProcess;
const opened: { redis: Redis; limiter: RedisRequestLimiter }[] = [];
let identityCounter = 0;
const newIdentity = () => `https://login.example|tenant-${process.pid}-${++identityCounter}|client`;

/** One "worker": its own connection and limiter, like a separate process. */
function worker(options: Partial<RedisRequestLimiterOptions> = {}): RedisRequestLimiter {
  const redis = createRedisConnection(server.url);
  const limiter = new RedisRequestLimiter({ redis, limits: LIMITS, leaseTtlInMs: 1_500, maxPollIntervalInMs: 50, ...options });
  opened.push({ redis, limiter });
  return limiter;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `tasks` requests spread over `workers`, each holding its slot for `holdMs`; returns the most slots held at once. */
async function run(workers: readonly RequestLimiter[], identity: string, tasks: number, holdMs: number): Promise<number> {
  let held = 0;
  let most = 0;
  await Promise.all(
    Array.from({ length: tasks }, async (_, i) => {
      const lease = await workers[i % workers.length]!.acquire(identity, { deadline: Date.now() + 20_000 });
      most = Math.max(most, ++held);
      await sleep(holdMs);
      held--;
      await lease.release();
    }),
  );
  return most;
}

/** Polls the shared state until `count` callers of `identity` wait in the queue. */
async function untilQueued(limiter: RequestLimiter, identity: string, count: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await limiter.snapshot(identity)).queued >= count) return;
    await sleep(20);
  }
  throw new Error(`never saw ${count} queued caller(s)`);
}

beforeAll(async () => {
  server = await startRedisServer();
});
afterEach(async () => {
  for (const { redis, limiter } of opened.splice(0)) {
    await limiter.close();
    redis.disconnect();
  }
});
afterAll(async () => {
  await server.stop();
});

describe("RedisRequestLimiter", () => {
  it("never lets more than maxConcurrency requests of one identity run at once across workers", async () => {
    const identity = newIdentity();
    const most = await run([worker(), worker(), worker()], identity, 30, 20);
    expect(most).toBe(5); // reached, never exceeded
  });

  it("does not care about the workers' clocks: admission runs on the Redis server's clock", async () => {
    const identity = newIdentity();
    const skewed = [worker({ clock: () => Date.now() + 3_600_000 }), worker({ clock: () => Date.now() - 3_600_000 }), worker()];
    // deadlines are on each caller's own clock, like a real worker with a wrong clock would compute them
    let held = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 24 }, async (_, i) => {
        const w = skewed[i % 3]!;
        const clock = [() => Date.now() + 3_600_000, () => Date.now() - 3_600_000, Date.now][i % 3]!;
        const lease = await w.acquire(identity, { deadline: clock() + 20_000 });
        most = Math.max(most, ++held);
        await sleep(40);
        held--;
        await lease.release();
      }),
    );
    // A worker whose clock ran ahead would see the others' leases as expired and admit a sixth; one
    // behind would never see them expire. How close to 5 the run gets depends on the machine's load
    // (CI shares 2 cores), so the bound is checked, and that the callers did run side by side.
    expect(most).toBeLessThanOrEqual(5);
    expect(most).toBeGreaterThanOrEqual(2);
    const snapshot = await skewed[0]!.snapshot(identity);
    expect(snapshot).toMatchObject({ inFlight: 0, queued: 0, windowUsed: 24 });
  });

  it("keeps every sliding window at or under maxRequestsPerWindow", async () => {
    const identity = newIdentity();
    const limits = { maxConcurrency: 50, maxRequestsPerWindow: 10, windowInMs: 600 };
    const workers = [worker({ limits }), worker({ limits })];
    await run(workers, identity, 25, 0);
    // the admission log itself: member → admission time on the server's clock
    const redis = opened[0]!.redis;
    const times = (await redis.zrange(identityKeys("bcts:", "limiter", identity).window, 0, -1, "WITHSCORES")).filter((_, i) => i % 2 === 1).map(Number);
    expect(times.length).toBeGreaterThan(0);
    for (const start of times) expect(times.filter((t) => t >= start && t < start + limits.windowInMs).length).toBeLessThanOrEqual(10);
  });

  it("keeps identities apart: a busy identity does not hold up another", async () => {
    const a = newIdentity();
    const w = worker({ limits: { ...LIMITS, maxConcurrency: 1 } });
    const held = await w.acquire(a, {});
    const other = await w.acquire(newIdentity(), { deadline: Date.now() + 2_000 });
    await other.release();
    await held.release();
    // release is idempotent: a second call neither throws nor frees someone else's slot
    await held.release();
    expect((await w.snapshot(a)).inFlight).toBe(0);
  });

  it("shares a pause after 429 with every worker: nobody starts before it ends", async () => {
    const identity = newIdentity();
    const [a, b] = [worker(), worker()];
    await a.pause(identity, { delayInMs: 400, reason: "429" });
    await a.pause(identity, { delayInMs: 50, reason: "429" }); // the longest pause wins
    const { pausedUntil } = await b.snapshot(identity);
    expect(pausedUntil).toBeGreaterThan(0);
    const lease = await b.acquire(identity, { deadline: Date.now() + 5_000 });
    const [seconds, micros] = await opened[1]!.redis.time();
    expect(Number(seconds) * 1000 + Math.floor(Number(micros) / 1000)).toBeGreaterThanOrEqual(pausedUntil);
    await lease.release();
  });

  it("after a pause lets one request go first (the probe) and the rest only when it came back", async () => {
    const identity = newIdentity();
    const [a, b] = [worker(), worker()];
    await a.pause(identity, { delayInMs: 200, reason: "429" });
    const order: string[] = [];
    const waiting = Array.from({ length: 4 }, (_, i) =>
      (i % 2 ? a : b).acquire(identity, { deadline: Date.now() + 5_000 }).then((lease) => (order.push(lease.probe ? "probe" : "other"), lease)),
    );
    let first: LimiterLease | undefined;
    for (let i = 0; i < 100 && !first; i++) {
      await sleep(20);
      if (order.length > 0) first = await Promise.race(waiting);
    }
    await sleep(300); // time enough for the others, were they not held back
    expect(order).toEqual(["probe"]);
    expect((await a.snapshot(identity)).inFlight).toBe(1);
    await first!.release(); // the probe came back without a new pause: the others follow
    const rest = await Promise.all(waiting);
    expect(order).toEqual(["probe", "other", "other", "other"]);
    await Promise.all(rest.map((l) => l.release()));
  });

  it("counts a request in the window until it finished, as BC does", async () => {
    const identity = newIdentity();
    const w = worker();
    const lease = await w.acquire(identity, {});
    const key = identityKeys("bcts:", "limiter", identity).window;
    const redis = opened[0]!.redis;
    const admitted = Number(await redis.zscore(key, (await redis.zrange(key, 0, 0))[0]!));
    await sleep(50);
    await lease.release();
    const finished = Number(await redis.zscore(key, (await redis.zrange(key, 0, 0))[0]!));
    expect(finished).toBeGreaterThan(admitted);
  });

  it("refuses at once when a pause outlasts the deadline, and when slots stay busy until it", async () => {
    const identity = newIdentity();
    const w = worker();
    await w.pause(identity, { delayInMs: 5_000, reason: "503" });
    const paused = await w.acquire(identity, { deadline: Date.now() + 200 }).catch((e: unknown) => e);
    expect(paused).toBeInstanceOf(LimiterWaitTimeoutError);
    expect(paused).toMatchObject({ blockedBy: "paused", identity });

    const busy = newIdentity();
    const leases = await Promise.all(Array.from({ length: 5 }, () => w.acquire(busy, {})));
    const error = await w.acquire(busy, { deadline: Date.now() + 150 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "LimiterWaitTimeoutError", blockedBy: "concurrency" });
    expect((await w.snapshot(busy)).queued).toBe(0); // it left the queue
    await Promise.all(leases.map((l) => l.release()));
  });

  it("rejects with the abort reason and leaves the queue", async () => {
    const identity = newIdentity();
    const w = worker({ limits: { ...LIMITS, maxConcurrency: 1 } });
    const lease = await w.acquire(identity, {});
    const controller = new AbortController();
    const waiting = w.acquire(identity, { abortSignal: controller.signal });
    await sleep(60);
    expect((await w.snapshot(identity)).queued).toBe(1);
    controller.abort(new Error("caller gave up"));
    await expect(waiting).rejects.toThrow("caller gave up");
    expect((await w.snapshot(identity)).queued).toBe(0);
    await lease.release();
  });

  it("admits waiters first come, first served", async () => {
    const identity = newIdentity();
    const w = worker({ limits: { ...LIMITS, maxConcurrency: 1 } });
    const first = await w.acquire(identity, {});
    const order: number[] = [];
    const waiting = [1, 2, 3].map(async (n) => {
      await sleep(n * 30); // enqueue in this order
      const lease = await w.acquire(identity, { deadline: Date.now() + 5_000 });
      order.push(n);
      await lease.release();
    });
    await sleep(150);
    await first.release();
    await Promise.all(waiting);
    expect(order).toEqual([1, 2, 3]);
  });

  it("hands a freed slot to the releasing worker's own waiter unless another has waited maxOvertakeInMs", async () => {
    const limits = { ...LIMITS, maxConcurrency: 1 };
    for (const [maxOvertakeInMs, expected] of [[5_000, "a"], [0, "b"]] as const) {
      const identity = newIdentity();
      const [a, b] = [worker({ limits, maxOvertakeInMs }), worker({ limits, maxOvertakeInMs })];
      const held = await a.acquire(identity, {});
      const got: string[] = [];
      const fromB = b.acquire(identity, { deadline: Date.now() + 5_000 }).then((l) => (got.push("b"), l));
      await sleep(80); // b is first in the queue
      const fromA = a.acquire(identity, { deadline: Date.now() + 5_000 }).then((l) => (got.push("a"), l));
      await sleep(80);
      await held.release();
      const first = await Promise.race([fromA, fromB]);
      expect(got[0]).toBe(expected);
      await first.release();
      await Promise.all([fromA, fromB].map(async (p) => (await p).release()));
    }
  });

  it("gives a crashed worker's slots back after the lease timeout (worker killed with SIGKILL)", async () => {
    const identity = newIdentity();
    const child = spawn(process.execPath, ["--conditions=@bcts/source", "--import", "tsx", fileURLToPath(new URL("./support/lease-holder-child.ts", import.meta.url)), server.url, identity, "5", "800"], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (d: Buffer) => d.toString().includes("held") && resolve());
      child.once("exit", (code) => reject(new Error(`child exited early (${code})`)));
    });
    const w = worker();
    expect((await w.snapshot(identity)).inFlight).toBe(5);
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
    const lease: LimiterLease = await w.acquire(identity, { deadline: Date.now() + 10_000 });
    expect(lease.waitedInMs).toBeGreaterThan(0); // it had to wait for the dead worker's leases to lapse
    await lease.release();
  });

  it("gives a slot handed to a waiter that died back after the lease timeout", async () => {
    const identity = newIdentity();
    const w = worker();
    const held = await Promise.all(Array.from({ length: 5 }, () => w.acquire(identity, {})));
    const child = spawn(process.execPath, ["--conditions=@bcts/source", "--import", "tsx", fileURLToPath(new URL("./support/lease-holder-child.ts", import.meta.url)), server.url, identity, "1", "800", "wait"], { stdio: ["ignore", "pipe", "inherit"] });
    const exited = new Promise((r) => child.once("exit", r));
    await untilQueued(w, identity, 1);
    child.kill("SIGKILL");
    await exited;
    await held[0]!.release(); // hands the slot to the dead waiter: its place in the queue has not lapsed yet
    expect((await w.snapshot(identity)).inFlight).toBe(5);
    const lease = await w.acquire(identity, { deadline: Date.now() + 10_000 });
    expect((await w.snapshot(identity)).inFlight).toBe(5); // the dead waiter's slot, back after its lease lapsed
    await Promise.all([lease, ...held.slice(1)].map((l) => l.release()));
    expect((await w.snapshot(identity)).inFlight).toBe(0);
  });

  it("gives back a slot handed to a caller that gave up at that very moment", async () => {
    const limits = { ...LIMITS, maxConcurrency: 1 };
    for (const order of ["release, then abort", "abort, then release"]) {
      const identity = newIdentity();
      const [a, b] = [worker({ limits }), worker({ limits })];
      const held = await a.acquire(identity, {});
      const controller = new AbortController();
      const waiting = b.acquire(identity, { abortSignal: controller.signal }).catch((e: unknown) => e);
      await untilQueued(a, identity, 1);
      if (order === "release, then abort") {
        await held.release();
        controller.abort(new Error("caller gave up"));
      } else {
        controller.abort(new Error("caller gave up"));
        await held.release();
      }
      const outcome = await waiting;
      // admitted before the abort was seen, or gone — never a slot that nobody holds
      if (outcome instanceof Error) expect(outcome.message, order).toBe("caller gave up");
      else await (outcome as LimiterLease).release();
      expect(await a.snapshot(identity), order).toMatchObject({ inFlight: 0, queued: 0 });
      expect(await a.acquire(identity, { deadline: Date.now() + 2_000 }).then((l) => l.release()), order).toBeUndefined();
    }
  });

  it("finds a hand-over whose wake-up message was lost: the process's heartbeat reports it", async () => {
    const identity = newIdentity();
    const limits = { ...LIMITS, maxConcurrency: 1 };
    const holder = worker({ limits });
    const w = worker({ limits, leaseTtlInMs: 60_000 }); // its waiter's own backstop poll is 30–60 s away
    await holder.acquire(identity, {});
    const waiting = w.acquire(identity, { deadline: Date.now() + 5_000 });
    await untilQueued(w, identity, 1);
    // hand the slot over behind the limiters' backs, without a wake-up message
    const keys = identityKeys("bcts:", "limiter", identity);
    const redis = opened[0]!.redis;
    const [waiter] = await redis.zrange(keys.queue, 0, 0);
    await redis.multi().del(keys.leases).zrem(keys.queue, waiter!).zrem(keys.heartbeat, waiter!).zadd(keys.leases, Date.now() + 60_000, waiter!).exec();
    const lease = await waiting;
    await lease.release();
    expect((await w.snapshot(identity)).inFlight).toBe(0);
  });

  it("renews held leases, so a long request keeps its slot past the lease timeout", async () => {
    const identity = newIdentity();
    const w = worker({ leaseTtlInMs: 300, limits: { ...LIMITS, maxConcurrency: 1 } });
    const lease = await w.acquire(identity, {});
    await sleep(700);
    expect((await w.snapshot(identity)).inFlight).toBe(1);
    await lease.release();
  });

  it("survives a Redis restart mid-run: waiting requests continue, held leases come back", async () => {
    const identity = newIdentity();
    const workers = [worker({ leaseTtlInMs: 600 }), worker({ leaseTtlInMs: 600 })];
    const longLease = await workers[0]!.acquire(identity, {});
    const busy = run(workers, identity, 40, 30);
    await sleep(100);
    await server.restart(200);
    await busy; // no RedisUnavailableError: the outage was shorter than unavailableGraceInMs
    // the long-held lease is re-asserted by its renewal after the restart wiped the state
    let inFlight = 0;
    for (let i = 0; i < 40 && inFlight === 0; i++) {
      inFlight = (await workers[1]!.snapshot(identity)).inFlight;
      await sleep(50);
    }
    expect(inFlight).toBe(1);
    await longLease.release();
  });

  describe("when Redis is unreachable", () => {
    it("fails closed with RedisUnavailableError after the grace period", async () => {
      const w = worker({ unavailableGraceInMs: 300 });
      await server.stop();
      try {
        const error = await w.acquire(newIdentity(), {}).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(RedisUnavailableError);
        expect((error as RedisUnavailableError).message).toMatch(/Redis is unavailable for limiter acquire.*fallback/);
        await expect(w.pause(newIdentity(), { delayInMs: 10, reason: "429" })).rejects.toBeInstanceOf(RedisUnavailableError);
      } finally {
        await server.start();
      }
    });

    it("wakes callers waiting for a busy slot, which then fail closed after the grace period", async () => {
      const identity = newIdentity();
      // leases (and so a waiter's own backstop poll) far longer than the test: only the failed heartbeat can wake it
      const w = worker({ unavailableGraceInMs: 300, leaseTtlInMs: 60_000, limits: { ...LIMITS, maxConcurrency: 1 }, onWarning: () => undefined });
      const held = await w.acquire(identity, {});
      const waiting = w.acquire(identity, {}).catch((e: unknown) => e);
      await untilQueued(w, identity, 1);
      await server.stop();
      try {
        expect(await waiting).toBeInstanceOf(RedisUnavailableError);
      } finally {
        await server.start();
      }
      await held.release();
    });

    it("continues on the fallback limiter with one warning when configured", async () => {
      const warnings: string[] = [];
      const calls: string[] = [];
      const fallback: RequestLimiter = {
        acquire: async (identity) => (calls.push(`acquire ${identity}`), { waitedInMs: 0, release: async () => undefined }),
        pause: async (identity) => void calls.push(`pause ${identity}`),
        snapshot: async () => ({ inFlight: 0, queued: 0, windowUsed: 0, pausedUntil: 0 }),
      };
      const w = worker({ fallback, onWarning: (m) => warnings.push(m), unavailableGraceInMs: 200 });
      await server.stop();
      try {
        const lease = await w.acquire("id-1", {});
        await lease.release();
        await w.acquire("id-1", {});
        await w.pause("id-1", { delayInMs: 10, reason: "429" });
        expect(calls).toEqual(["acquire id-1", "acquire id-1", "pause id-1"]);
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toMatch(/continues with local limits/);
      } finally {
        await server.start();
      }
    });
  });
});
