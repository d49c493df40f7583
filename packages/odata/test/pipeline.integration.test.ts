import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createODataClient, InProcessLimiter, ODataTimeoutError, type TokenCredential } from "../src/index.js";
import { apiV2_0 } from "./fixtures/api-model.js";
import { startFakeBc, type FakeBc } from "./support/fake-bc.js";

let server: FakeBc;
/** Identity pauses wait in the limiter: one per test, sleeping through the same recorder as the retry loop. */
let limiter: InProcessLimiter;
beforeEach(async () => {
  server = await startFakeBc();
  limiter = new InProcessLimiter({ sleep: async (ms) => void sleeps.push(ms) });
});
afterEach(async () => {
  await server.close();
});

/** A credential that hands out `tokens` in order; records forceRefresh calls. */
function rotatingCredential(tokens: string[]) {
  const calls: Array<{ forceRefresh: boolean }> = [];
  let i = 0;
  const credential: TokenCredential = {
    getToken: async (options) => {
      calls.push({ forceRefresh: options?.forceRefresh === true });
      if (options?.forceRefresh) i++;
      return { token: tokens[Math.min(i, tokens.length - 1)]! };
    },
  };
  return { credential, calls };
}

const sleeps: number[] = [];
function client(credential: TokenCredential, options: Partial<Parameters<typeof createODataClient>[1]> = {}) {
  sleeps.length = 0;
  return createODataClient(apiV2_0, {
    tenantId: server.tenantId,
    environment: server.environment,
    baseUrl: server.origin,
    credential,
    random: () => 0.5,
    now: () => Date.UTC(2026, 0, 1),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    limiter,
    ...options,
  });
}
const first = <T>(it: AsyncIterator<T>) => it.next();

describe("bearer token", () => {
  it("on 401 refreshes once (forceRefresh) and re-sends, also for POST", async () => {
    const { credential, calls } = rotatingCredential(["stale", "token-1"]);
    const created = await client(credential).company(server.companyId).customers.create({ displayName: "A" });
    expect(created.displayName).toBe("A");
    expect(calls).toEqual([{ forceRefresh: false }, { forceRefresh: true }]);
    expect(server.requests.map((r) => r.headers["authorization"])).toEqual(["Bearer stale", "Bearer token-1"]);
    expect(server.sets.get("customers")!.size).toBe(1);
  });

  it("gives up after one refresh and surfaces the 401 as ODataError", async () => {
    const { credential, calls } = rotatingCredential(["bad-1", "bad-2", "bad-3"]);
    await expect(first(client(credential).companies.list())).rejects.toMatchObject({ status: 401, code: "Authentication_InvalidCredentials" });
    expect(calls).toHaveLength(2);
    expect(server.requests).toHaveLength(2);
  });
});

describe("retry", () => {
  const ok: TokenCredential = { getToken: async () => ({ token: "token-1" }) };

  it("retries 429 honouring Retry-After seconds, for POST too (not processed)", async () => {
    server.faults.push({ status: 429, headers: { "Retry-After": "7" } });
    const created = await client(ok).company(server.companyId).customers.create({ displayName: "A" });
    expect(created.displayName).toBe("A");
    expect(sleeps).toEqual([7000]);
    expect(server.sets.get("customers")!.size).toBe(1);
  });

  it("retries 503 and 504 on GET with capped exponential backoff and jitter", async () => {
    server.faults.push({ status: 503 }, { status: 504 }, { status: 503 });
    const page = await first(client(ok, { retry: { retryDelayInMs: 100, maxRetryDelayInMs: 300 } }).companies.list());
    expect(page.value).toMatchObject({ id: server.companyId });
    expect(sleeps).toEqual([75, 150, 225]); // 100·2^n capped at 300, × (0.5 + 0.5/2)
  });

  it("Retry-After as an HTTP date", async () => {
    server.faults.push({ status: 503, headers: { "Retry-After": new Date(Date.UTC(2026, 0, 1, 0, 0, 2)).toUTCString() } });
    await first(client(ok).companies.list());
    expect(sleeps).toEqual([2000]);
  });

  it("never re-sends a POST after 504 (BC may have processed it)", async () => {
    server.faults.push({ status: 504, match: (m) => m === "POST" });
    await expect(client(ok).company(server.companyId).customers.create({ displayName: "A" })).rejects.toMatchObject({ status: 504 });
    expect(server.requests).toHaveLength(1);
  });

  // Changed with issue 13: 429/503 are bounded by retry.deadlineInMs, not maxRetries (see throttling.integration.test.ts).
  it("stops after maxRetries and returns the last error", async () => {
    for (let i = 0; i < 5; i++) server.faults.push({ status: 502 });
    await expect(first(client(ok, { retry: { maxRetries: 2 } }).companies.list())).rejects.toMatchObject({ status: 502 });
    expect(server.requests).toHaveLength(3);
  });

  it("retries a refused connection even for POST (provably not sent)", async () => {
    let calls = 0;
    const flaky = (request: Request, init?: { signal?: AbortSignal }) => {
      calls++;
      if (calls === 1) return Promise.reject(Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } }));
      return fetch(request, init);
    };
    const created = await client(ok, { fetch: flaky }).company(server.companyId).customers.create({ displayName: "A" });
    expect(created.displayName).toBe("A");
    expect(calls).toBe(2);
  });

  it("does not retry a POST after a reset connection (may have been processed)", async () => {
    const reset = () => Promise.reject(Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } }));
    await expect(client(ok, { fetch: reset }).company(server.companyId).customers.create({ displayName: "A" })).rejects.toMatchObject({ name: "ODataNetworkError", kind: "reset", code: "ECONNRESET", outcome: "unknown" });
    expect(sleeps).toEqual([]);
  });
});

describe("concurrency, timeout, abort", () => {
  const ok: TokenCredential = { getToken: async () => ({ token: "token-1" }) };

  it("limits requests in flight per credential (default 5), shared across clients", async () => {
    server.delayInMs = 30;
    const a = client(ok).companies;
    const b = client(ok).companies;
    await Promise.all(Array.from({ length: 12 }, (_, i) => first((i % 2 ? a : b).list())));
    expect(server.peakConcurrency).toBe(5);
  });

  it("maxConcurrency is configurable", async () => {
    server.delayInMs = 20;
    const c = client({ getToken: async () => ({ token: "token-1" }) }, { maxConcurrency: 2 }).companies;
    await Promise.all(Array.from({ length: 6 }, () => first(c.list())));
    expect(server.peakConcurrency).toBe(2);
  });

  it("times out per attempt with ODataTimeoutError (per-call timeoutInMs overrides)", async () => {
    server.delayInMs = 300;
    const error = await first(client(ok, { retry: false }).companies.list({ timeoutInMs: 50 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataTimeoutError);
    expect((error as ODataTimeoutError).timeoutInMs).toBe(50);
    expect(server.requests[0]!.headers["x-bcts-timeout"]).toBeUndefined();
  });

  it("a per-call timeout also applies to retries", async () => {
    server.delayInMs = 300;
    const error = await first(client(ok, { retry: { maxRetries: 1 } }).companies.list({ timeoutInMs: 50 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataTimeoutError);
    expect(sleeps).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it("abortSignal cancels and is not retried", async () => {
    server.delayInMs = 300;
    const controller = new AbortController();
    const pending = first(client(ok).companies.list({ abortSignal: controller.signal }));
    setTimeout(() => controller.abort(), 30);
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(sleeps).toEqual([]);
  });
});
