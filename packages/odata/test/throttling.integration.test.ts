// Issue 13 against the emulator, which models Business Central's per-identity limits (§7): 5 processed
// at once, up to 95 queued, 429 beyond 100 connections or beyond the sliding window, 503 after the queue
// wait. The emulator records, per identity, requests in flight and queued after every change.
//
// Time scaling: BC's storms last seconds to minutes and its window is 5 minutes. Here a "10-second
// storm" is a 1.6 s storm (factor 1/6.25) with the client's DEFAULT retry options (800 ms first backoff,
// 60 s cap, 5 min deadline): the defaults are what must carry a user through, so they stay unscaled,
// and the storm is long enough to need several pauses of them. Retry-After is 1 s (its smallest whole value).
// The window test uses 60 requests per 3 s instead of 6,000 per 300 s (factor 1/100 on both).
// Nothing asserts a duration; bounds are counts.
import { ClientSecretProvider } from "@bcts/auth";
import { startEmulator, type Emulator } from "@bcts/emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createODataClient, InProcessLimiter, ODataThrottledError, ODataTimeoutError, type ODataClientOptions, type PipelineEvent } from "../src/index.js";
import { apiV2_0 } from "./fixtures/api-model.js";

let emu: Emulator;
/** Where this test's entries start in the emulator's request log. */
let logStart = 0;
let limiter: InProcessLimiter;
let events: PipelineEvent[];

const provider = (clientSecret = emu.clientSecret) =>
  new ClientSecretProvider({ tenantId: emu.tenantId, clientId: emu.clientId, clientSecret, authorityHost: emu.authorityHost, ca: emu.caPem });
const client = (options: Partial<ODataClientOptions> = {}) =>
  createODataClient(apiV2_0, { tenantId: emu.tenantId, environment: emu.environment, baseUrl: emu.bcBaseUrl, credential: provider(), limiter, onEvent: (e) => events.push(e), ...options });
const listCompanies = (c: ReturnType<typeof client>, options?: { timeoutInMs?: number; abortSignal?: AbortSignal }) => c.companies.list({ select: ["id"], ...options }).byPage().next();
const tokenRequests = () => emu.entra.requests.filter((r) => r.endpoint === "token").length;
const bcLog = () => emu.bc.requests.slice(logStart).filter((r) => r.path.endsWith("/companies"));
const bcStatuses = () => bcLog().map((r) => r.status);
const causeChain = (e: unknown): unknown[] => (e instanceof Error ? [e, ...causeChain(e.cause)] : e === undefined ? [] : [e]);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  emu = await startEmulator();
  events = [];
  await listCompanies(client({ limiter: new InProcessLimiter() })); // warm up both servers
});
afterAll(async () => {
  await emu?.close();
});
beforeEach(() => {
  // Each test gets its own limiter (a pause must not leak into the next test) and fresh server counters.
  limiter = new InProcessLimiter();
  events = [];
  emu.bc.faults.clear();
  emu.bc.configureLimits({ maxConcurrent: 5, maxQueue: 95, maxRequestsPerWindow: 6_000, windowMs: 300_000, retryAfterSeconds: undefined });
  emu.bc.resetLimitStatistics();
  logStart = emu.bc.requests.length;
  emu.entra.setBehavior(undefined);
});

/** Server-side load over the test: the most in flight and the most queued at any moment. */
function serverLoad() {
  const samples = emu.bc.inFlightTimeline;
  return { maxInFlight: Math.max(0, ...samples.map((s) => s.inFlight)), maxQueued: Math.max(0, ...samples.map((s) => s.queued)), samples: samples.length };
}

describe("one identity, one budget", () => {
  it("two provider objects and two clients of one app registration never have more than 5 in flight at the server, and BC never queues", async () => {
    emu.bc.faults.add({ match: { path: "/companies" }, action: { kind: "latency", ms: 60 } });
    const a = client({ credential: provider() });
    const b = client({ credential: provider() });
    const pages = await Promise.all(Array.from({ length: 30 }, (_, i) => listCompanies(i % 2 ? a : b)));
    expect(pages.every((p) => p.value!.value.length > 0)).toBe(true);
    const load = serverLoad();
    expect(load.maxInFlight).toBe(5); // reached, so the bound below is not vacuous
    expect(load.maxQueued).toBe(0); // a per-object limit (10 at once) would make BC queue
    expect(bcStatuses().filter((s) => s === 429)).toEqual([]);
  });

  it("per-attempt timeouts and aborts free the slot only with the connection: BC never holds more than 5 nor queues", async () => {
    emu.bc.faults.add({ match: { path: "/companies" }, action: { kind: "latency", ms: 400 } });
    const c = client({ retry: false });
    const controllers = Array.from({ length: 10 }, () => new AbortController());
    const calls = [
      ...Array.from({ length: 10 }, () => listCompanies(c, { timeoutInMs: 150 }).catch((e: unknown) => e)),
      ...controllers.map((ctl) => listCompanies(c, { abortSignal: ctl.signal }).catch((e: unknown) => e)),
    ];
    controllers.forEach((ctl, i) => setTimeout(() => ctl.abort(), 30 + i * 40));
    const outcomes = await Promise.all(calls);
    expect(outcomes.slice(0, 10).every((e) => e instanceof ODataTimeoutError)).toBe(true);
    expect(outcomes.slice(10).every((e) => (e as Error).name === "AbortError")).toBe(true);
    await pause(50);
    const load = serverLoad();
    expect(emu.bc.limitStatistics.abandoned).toBeGreaterThan(0);
    expect(load.maxInFlight).toBeLessThanOrEqual(5);
    expect(load.maxQueued).toBe(0);
  });
});

describe("429 storm (a 10 s storm scaled to 1.6 s, default retry options)", () => {
  for (const retryAfterSeconds of [1, undefined]) {
    it(`${retryAfterSeconds === undefined ? "without" : "with"} Retry-After: requests during the storm are bounded by the pause probes, and all work completes`, async () => {
      const storm = emu.bc.faults.add({ match: { path: "/companies" }, action: { kind: "status", status: 429, code: "Application_TooManyRequests", ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) } });
      setTimeout(() => storm.remove(), 1_600);
      const c = client();
      const pages = await Promise.all(Array.from({ length: 60 }, () => listCompanies(c)));
      expect(pages).toHaveLength(60); // 100 % of the work completed after recovery
      const sentIntoStorm = storm.hits;
      const probes = events.filter((e) => e.kind === "queued" && e.probe).length;
      // At most the first wave (5 slots) plus one probe per pause reached BC while it answered 429.
      expect(sentIntoStorm).toBeGreaterThanOrEqual(5);
      expect(sentIntoStorm).toBeLessThanOrEqual(5 + probes);
      expect(probes).toBeLessThanOrEqual(8); // pauses of ≥ 1 s (or 0.4 s, 0.8 s, 1.6 s… backoff) within 1.6 s, plus the one that succeeds
      const throttled = events.filter((e) => e.kind === "throttled");
      expect(throttled).toHaveLength(sentIntoStorm);
      expect(throttled.every((e) => e.kind === "throttled" && e.retryAfterInMs === (retryAfterSeconds === undefined ? undefined : retryAfterSeconds * 1000))).toBe(true);
      expect(events.some((e) => e.kind === "paused")).toBe(true);
      expect(serverLoad().maxQueued).toBe(0);
    });
  }

  it("the final error says it was throttled: attempts, elapsed time, last Retry-After (deadline reached)", async () => {
    emu.bc.faults.add({ match: { path: "/companies" }, action: { kind: "status", status: 429, code: "Application_TooManyRequests", retryAfterSeconds: 1 } });
    const error = await listCompanies(client({ retry: { deadlineInMs: 2_500 } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataThrottledError);
    const throttled = error as ODataThrottledError;
    expect(throttled.attempts).toBeGreaterThanOrEqual(2);
    expect(throttled.attempts).toBe(bcStatuses().length);
    expect(throttled.elapsedInMs).toBeGreaterThan(0);
    expect(throttled.lastRetryAfterInMs).toBe(1000);
    expect(throttled.message).toMatch(/attempts/);
    expect(events.filter((e) => e.kind === "gave-up")).toHaveLength(1);
  });

  it("a Retry-After beyond the deadline is never cut short: no early retry, and the identity stays paused for other calls", async () => {
    emu.bc.faults.add({ match: { path: "/companies" }, action: { kind: "status", status: 503, retryAfterSeconds: 3600 }, times: 1 });
    const c = client();
    const first = await listCompanies(c).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(ODataThrottledError);
    expect((first as ODataThrottledError).lastRetryAfterInMs).toBe(3_600_000);
    const second = await listCompanies(c).catch((e: unknown) => e); // same identity, inside the pause
    expect(second).toBeInstanceOf(ODataThrottledError);
    expect((second as ODataThrottledError).attempts).toBe(0);
    expect(bcStatuses()).toEqual([503]); // exactly one request reached BC
    expect((await limiter.snapshot(events[0]!.identity)).pausedUntil).toBeGreaterThan(Date.now() + 3_000_000);
  });
});

describe("sliding window (60 per 3 s instead of 6,000 per 300 s)", () => {
  it("90 calls queue for the budget instead of running into 429: zero 429s, the server's window never exceeded", async () => {
    emu.bc.configureLimits({ maxRequestsPerWindow: 60, windowMs: 3_000 });
    const c = client({ limits: { maxRequestsPerWindow: 60, windowInMs: 3_000 } });
    const pages = await Promise.all(Array.from({ length: 90 }, () => listCompanies(c)));
    expect(pages).toHaveLength(90);
    const log = bcLog();
    expect(log.filter((r) => r.status === 429)).toEqual([]);
    // BC's own window (arrivals, sliding 3 s) refused nothing: 90 > 60, so without ours 30 would have been 429.
    expect(emu.bc.limitStatistics.throttled).toBe(0);
    expect(events.some((e) => e.kind === "queued" && e.waitedInMs > 0)).toBe(true); // the last 30 did wait
  });
});

describe("never retry what cannot succeed; token acquisition inside timeouts", () => {
  it("a wrong client secret costs exactly one token request, also for several concurrent calls", async () => {
    const c = client({ credential: provider("not-the-secret") });
    const before = tokenRequests();
    const errors = await Promise.all(Array.from({ length: 4 }, () => listCompanies(c).catch((e: unknown) => e)));
    // The credential's error (AuthenticationConfigurationError, retryable: false) — itself or as the cause.
    for (const e of errors) expect(causeChain(e).some((c) => (c as { retryable?: unknown }).retryable === false)).toBe(true);
    expect(tokenRequests() - before).toBe(1);
    expect(bcStatuses()).toEqual([]);
  });

  it("timeoutInMs bounds token acquisition", async () => {
    emu.entra.setBehavior((r) => (r.endpoint === "token" ? { delayInMs: 5_000 } : undefined));
    const error = await listCompanies(client({ retry: false, timeoutInMs: 200 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataTimeoutError);
    expect(bcStatuses()).toEqual([]);
  });

  it("abortSignal ends token acquisition", async () => {
    emu.entra.setBehavior((r) => (r.endpoint === "token" ? { delayInMs: 5_000 } : undefined));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await listCompanies(client(), { abortSignal: controller.signal }).catch((e: unknown) => e);
    expect((error as Error).name).toBe("AbortError");
  });

  it("a 401 on a token younger than 5 s gets its one forced refresh, and the call succeeds", async () => {
    const c = client();
    await listCompanies(c); // a fresh token
    const before = tokenRequests();
    emu.bc.faults.add({ match: { path: "/companies" }, action: { kind: "expireToken" }, times: 1 });
    const page = await listCompanies(c);
    expect(page.value!.value.length).toBeGreaterThan(0);
    expect(tokenRequests() - before).toBe(1);
    expect(bcStatuses().slice(-2)).toEqual([401, 200]);
  });
});
