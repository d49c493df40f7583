import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/bc/clock.js";
import { startTestBc, type TestBc } from "./support/start-test-bc.js";
import { testClientId, testTenantId, testToken } from "./support/test-tokens.js";

let t: TestBc | undefined;
afterEach(async () => {
  await t?.bc.close();
  t = undefined;
});

describe("§7 per-identity limits", () => {
  it("more than maxRequestsPerWindow in the window → 429 (configurable Retry-After); the window slides with the injected clock", async () => {
    const clock = new ManualClock();
    t = await startTestBc({ clock, limits: { maxRequestsPerWindow: 3, windowMs: 60_000, retryAfterSeconds: 7 } });
    const token = testToken({}, clock.now());
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.fetch("/companies", { token })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const res = await t.fetch("/companies", { token });
    expect(res.headers.get("retry-after")).toBe("7");
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("TooManyRequests");
    clock.advance(60_001);
    expect((await t.fetch("/companies", { token })).status).toBe(200);
  });
  it("the budget is per identity: another app is not throttled", async () => {
    const other = "bbbbbbbb-5555-4ccc-8ddd-eeeeeeeeeeee";
    t = await startTestBc({
      limits: { maxRequestsPerWindow: 1 },
      tenants: [{ tenantId: testTenantId, applications: [{ clientId: testClientId }, { clientId: other }] }],
    });
    expect((await t.fetch("/companies")).status).toBe(200);
    expect((await t.fetch("/companies")).status).toBe(429);
    expect((await t.fetch("/companies", { token: testToken({ appid: other }) })).status).toBe(200);
  });
  it("at most maxConcurrent run at once; extra requests queue; a full queue → 429", async () => {
    t = await startTestBc({ limits: { maxConcurrent: 2, maxQueue: 2 } });
    t.bc.faults.add({ match: { path: "/companies" }, action: { kind: "latency", ms: 150 } });
    const results = await Promise.all(Array.from({ length: 6 }, () => t!.fetch("/companies").then((r) => r.status)));
    expect(results.filter((s) => s === 200)).toHaveLength(4);
    expect(results.filter((s) => s === 429)).toHaveLength(2);
    expect(t.bc.limitStatistics.maxObservedConcurrency).toBe(2);
  });
  it("a request that waits in the queue longer than queueTimeoutMs → 503 with Retry-After", async () => {
    t = await startTestBc({ limits: { maxConcurrent: 1, queueTimeoutMs: 50, serviceUnavailableRetryAfterSeconds: 3 } });
    t.bc.faults.add({ match: { path: "/companies" }, action: { kind: "latency", ms: 300 }, times: 1 });
    const [first, second] = await Promise.all([t.fetch("/companies"), new Promise((r) => setTimeout(r, 20)).then(() => t!.fetch("/companies"))]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(503);
    expect(second.headers.get("retry-after")).toBe("3");
  });
  it("limits can be changed at runtime and disabled", async () => {
    t = await startTestBc({ limits: { maxRequestsPerWindow: 1 } });
    await t.fetch("/companies");
    expect((await t.fetch("/companies")).status).toBe(429);
    t.bc.configureLimits({ enabled: false });
    expect((await t.fetch("/companies")).status).toBe(200);
  });
});

describe("fault injection", () => {
  it("status faults answer with a BC error body and count their hits", async () => {
    t = await startTestBc();
    const fault = t.bc.faults.add({ match: { method: "GET", path: /companies$/ }, action: { kind: "status", status: 503, code: "ServiceUnavailable", message: "Injected outage", retryAfterSeconds: 2 }, times: 2 });
    const a = await t.json<{ error: { code: string; message: string } }>("/companies");
    expect(a.status).toBe(503);
    expect(a.headers.get("retry-after")).toBe("2");
    expect(a.body.error.message).toMatch(/^Injected outage\.  CorrelationId:  /);
    expect((await t.fetch("/companies")).status).toBe(503);
    expect((await t.fetch("/companies")).status).toBe(200);
    expect(fault.hits).toBe(2);
  });
  it("connection reset: the client sees a network error", async () => {
    t = await startTestBc();
    t.bc.faults.add({ action: { kind: "reset" }, times: 1 });
    await expect(t.fetch("/companies")).rejects.toThrow();
    expect((await t.fetch("/companies")).status).toBe(200);
  });
  it("malformed body: 200 with truncated JSON", async () => {
    t = await startTestBc();
    t.bc.faults.add({ action: { kind: "malformedBody" }, times: 1 });
    const res = await t.fetch("/companies");
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow();
  });
  it("early token expiry: a valid token gets 401 while the fault lasts", async () => {
    t = await startTestBc();
    const h = t.bc.faults.add({ action: { kind: "expireToken" } });
    expect((await t.fetch("/companies")).status).toBe(401);
    h.remove();
    expect((await t.fetch("/companies")).status).toBe(200);
  });
  it("§7 latency beyond the operation timeout → 408", async () => {
    t = await startTestBc({ operationTimeoutMs: 50 });
    t.bc.faults.add({ action: { kind: "latency", ms: 10_000 }, times: 1 });
    const res = await t.json<{ error: { code: string } }>("/companies");
    expect(res.status).toBe(408);
    expect(res.body.error.code).toBe("RequestTimeout");
  });
  it('latency "after" (default): a client that hangs up during the wait leaves nothing applied', async () => {
    t = await startTestBc();
    t.bc.faults.add({ match: { method: "POST" }, action: { kind: "latency", ms: 300 }, times: 1 });
    const gone = new AbortController();
    const post = t.fetch(`${t.company}/customers`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ displayName: "After Latency" }), signal: gone.signal }).catch(() => "aborted");
    await new Promise((r) => setTimeout(r, 100));
    gone.abort();
    expect(await post).toBe("aborted");
    await new Promise((r) => setTimeout(r, 350));
    const list = await t.json<{ value: unknown[] }>(`${t.company}/customers?$filter=displayName eq 'After Latency'`);
    expect(list.body.value).toHaveLength(0);
  });
  it('latency "during": the write is applied at once and the answer still waits for ms in all', async () => {
    t = await startTestBc();
    t.bc.faults.add({ match: { method: "POST" }, action: { kind: "latency", ms: 300, processing: "during" }, times: 1 });
    const start = performance.now();
    const post = t.fetch(`${t.company}/customers`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ displayName: "During Latency" }) });
    await new Promise((r) => setTimeout(r, 150));
    // Already there while the answer is still being held back.
    const list = await t.json<{ value: unknown[] }>(`${t.company}/customers?$filter=displayName eq 'During Latency'`);
    expect(list.body.value).toHaveLength(1);
    expect((await post).status).toBe(201);
    expect(performance.now() - start).toBeGreaterThanOrEqual(290);
  });
  it("latency delays the answer", async () => {
    t = await startTestBc();
    t.bc.faults.add({ action: { kind: "latency", ms: 120 }, times: 1 });
    const start = Date.now();
    await t.fetch("/companies");
    expect(Date.now() - start).toBeGreaterThanOrEqual(110);
  });
});
