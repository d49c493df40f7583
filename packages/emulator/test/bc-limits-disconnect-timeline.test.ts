import { afterEach, describe, expect, it } from "vitest";
import { startTestBc, type TestBc } from "./support/start-test-bc.js";

// Issue 13: the emulator models BC's per-identity limits closely enough for clients to be tested
// against them — 100 connections (5 processing + 95 queued), clients that hang up, and the load over time.
let t: TestBc | undefined;
afterEach(async () => {
  await t?.bc.close();
  t = undefined;
});
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Polls a condition (the server learns of a closed connection asynchronously). */
async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await wait(10);
  expect(check()).toBe(true);
}

describe("§7 limits: connections, disconnects, timeline", () => {
  it("beyond 100 connections (5 processing + 95 queued) → 429; the timeline shows 5 in flight and 95 queued at most", async () => {
    t = await startTestBc();
    // Long enough that nothing finishes while the 103 arrive; the server is closed after the checks.
    t.bc.faults.add({ match: { path: "/companies" }, action: { kind: "latency", ms: 60_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 103; i++) void t.fetch("/companies").then((r) => statuses.push(r.status), () => undefined);
    await eventually(() => statuses.length === 3 && t!.bc.inFlightTimeline.some((s) => s.queued === 95));
    expect(statuses).toEqual([429, 429, 429]);
    const timeline = t.bc.inFlightTimeline;
    expect(Math.max(...timeline.map((s) => s.inFlight))).toBe(5);
    expect(Math.max(...timeline.map((s) => s.queued))).toBe(95);
    expect(Object.values(t.bc.limitStatistics.maxInFlightByIdentity)).toEqual([5]);
  });

  it("a client that hangs up leaves the queue, and a running request gives its slot back at once", async () => {
    t = await startTestBc({ limits: { maxConcurrent: 1 } });
    t.bc.faults.add({ match: { path: "/companies" }, action: { kind: "latency", ms: 500 } });
    const running = new AbortController();
    const queued = new AbortController();
    const first = t.fetch("/companies", { signal: running.signal }).catch(() => "aborted");
    await eventually(() => t!.bc.inFlightTimeline.some((s) => s.inFlight === 1));
    const second = t.fetch("/companies", { signal: queued.signal }).catch(() => "aborted");
    await eventually(() => t!.bc.inFlightTimeline.some((s) => s.queued === 1));
    queued.abort();
    running.abort();
    expect(await Promise.all([first, second])).toEqual(["aborted", "aborted"]);
    await eventually(() => t!.bc.limitStatistics.abandoned === 2);
    const last = t.bc.inFlightTimeline.at(-1)!;
    expect([last.inFlight, last.queued]).toEqual([0, 0]); // long before the 500 ms of work would end
    expect(t.bc.limitStatistics.queueTimeouts).toBe(0);
  });

  it("keepSlotOnDisconnect: BC modelled as finishing the work keeps the slot until it ends", async () => {
    t = await startTestBc({ limits: { maxConcurrent: 1, keepSlotOnDisconnect: true } });
    t.bc.faults.add({ match: { path: "/companies" }, action: { kind: "latency", ms: 300 } });
    const running = new AbortController();
    const first = t.fetch("/companies", { signal: running.signal }).catch(() => "aborted");
    await eventually(() => t!.bc.inFlightTimeline.some((s) => s.inFlight === 1));
    running.abort();
    await first;
    await eventually(() => t!.bc.limitStatistics.abandoned === 1);
    expect(t.bc.inFlightTimeline.at(-1)!.inFlight).toBe(1);
    await eventually(() => t!.bc.inFlightTimeline.at(-1)!.inFlight === 0);
  });

  it("resetLimitStatistics forgets the window, so tests do not inherit each other's budget", async () => {
    t = await startTestBc({ limits: { maxRequestsPerWindow: 1 } });
    expect((await t.fetch("/companies")).status).toBe(200);
    expect((await t.fetch("/companies")).status).toBe(429);
    t.bc.resetLimitStatistics();
    expect(t.bc.limitStatistics.throttled).toBe(0);
    expect((await t.fetch("/companies")).status).toBe(200);
  });
});
