// Bulk writes against the emulator: chunks of 100, per-item outcomes under seeded $batch faults (the
// write-outcome invariants per item), abort + resume from a checkpoint, atomic chunks.
import { seededRandom, type FaultAction } from "@bcts/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InProcessLimiter, type BulkCheckpoint, type BulkResult } from "../src/index.js";
import { startEmulatorFixture, type EmulatorFixture } from "./support/emulator-fixture.js";

let f: EmulatorFixture;
beforeAll(async () => {
  f = await startEmulatorFixture();
});
afterAll(async () => {
  await f?.close();
});

const company = () => f.client().company(f.companyId);
const batchPosts = () => f.emu.bc.requests.filter((r) => r.method === "POST" && r.path.endsWith("/$batch")).length;

async function countsByNumber(prefix: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for await (const c of company().customers.list({ select: ["number"], filter: (q) => q.number.startsWith(prefix) })) out.set(c.number!, (out.get(c.number!) ?? 0) + 1);
  return out;
}

/** The write-outcome invariants, per item: no duplicates; ok ⇒ on the server; failed ⇒ not; on the server ⇒ ok or unknown. */
function checkInvariants(result: BulkResult<unknown>, numbers: readonly string[], server: Map<string, number>): void {
  for (const item of result.items) {
    const count = server.get(numbers[item.index]!) ?? 0;
    expect(count, `item ${item.index} duplicated`).toBeLessThanOrEqual(1);
    if (item.status === "ok") expect(count, `item ${item.index} ok but missing`).toBe(1);
    if (item.status === "failed") expect(count, `item ${item.index} failed but applied`).toBe(0);
    if (count === 1) expect(["ok", "unknown", "skipped"], `item ${item.index} applied but ${item.status}`).toContain(item.status);
  }
}

describe("createMany / updateMany / deleteMany", () => {
  it("runs as many chunks at once as the client's limits.maxConcurrency by default: none waits in the limiter", async () => {
    const limiter = new InProcessLimiter();
    const queued: number[] = [];
    const client = f.client({ limiter, limits: { maxConcurrency: 2 }, onEvent: (e) => void (e.kind === "queued" && queued.push(e.waitedInMs)) });
    const numbers = Array.from({ length: 60 }, (_, i) => `BC2-${i}`);
    const result = await client.company(f.companyId).customers.createMany(numbers.map((number) => ({ number, displayName: number })), { chunkSize: 10 });
    expect(result.items.filter((i) => i.status === "ok")).toHaveLength(60);
    expect(queued).toEqual([]);
    // An explicit concurrency above the limits makes chunks queue in the limiter instead.
    const more = await client.company(f.companyId).customers.createMany(numbers.map((n) => ({ number: `${n}x`, displayName: n })), { chunkSize: 10, concurrency: 6 });
    expect(more.items.filter((i) => i.status === "ok")).toHaveLength(60);
    expect(queued.length).toBeGreaterThan(0);
  });

  it("250 creates go as 3 $batch requests (100, 100, 50); every item ok and on the server once", async () => {
    const numbers = Array.from({ length: 250 }, (_, i) => `BA-${i}`);
    const before = batchPosts();
    const progress: number[] = [];
    const result = await company().customers.createMany(numbers.map((number) => ({ number, displayName: number })), { onProgress: (p) => progress.push(p.settled) });
    expect(batchPosts() - before).toBe(3);
    expect(result.requests).toBe(3);
    expect(result.ok).toBe(250);
    expect(result.items.every((r, i) => r.index === i && r.status === "ok" && (r.value as { number?: string }).number === numbers[i])).toBe(true);
    expect(progress).toHaveLength(3);
    expect(Math.max(...progress)).toBe(250);
    const server = await countsByNumber("BA-");
    expect(server.size).toBe(250);
    expect([...server.values()].every((n) => n === 1)).toBe(true);
  });

  it("600 creates under seeded $batch faults: the invariants hold per item; resuming from the checkpoint completes the set without duplicates", { timeout: 60_000 }, async () => {
    const numbers = Array.from({ length: 600 }, (_, i) => `BF-${i}`);
    const bodies = numbers.map((number, i) => (i % 97 === 5 ? { number, displayName: "x".repeat(200) } : { number, displayName: number }));
    const mix: ReadonlyArray<readonly [FaultAction, number]> = [
      [{ kind: "lostResponse" }, 0.15],
      [{ kind: "resetBeforeProcessing" }, 0.1],
      [{ kind: "gateway", status: 504, afterProcessing: true }, 0.1],
      [{ kind: "status", status: 503, code: "ServiceUnavailable" }, 0.1],
    ];
    f.emu.bc.faults.useRandom(seededRandom(17));
    for (const [action, probability] of mix) f.emu.bc.faults.add({ match: { method: "POST", path: "/$batch" }, action, probability });
    let first: BulkResult<unknown>;
    try {
      first = await company().customers.createMany(bodies, { chunkSize: 50, concurrency: 3 });
    } finally {
      f.emu.bc.faults.clear();
    }
    const server = await countsByNumber("BF-");
    checkInvariants(first, numbers, server);
    console.log(`bulk under faults: ok ${first.ok}, failed ${first.failed}, unknown ${first.unknown}, requests ${first.requests}`);
    expect(first.unknown).toBeGreaterThan(0); // the mix must exercise lost answers
    expect(first.ok).toBeGreaterThan(0);

    // Resolve the unknown items by looking them up (the caller's job), then resume.
    const unknownApplied = first.checkpoint.unknown.filter((i) => server.has(numbers[i]!));
    const resolved: BulkCheckpoint = { total: 600, applied: [...first.checkpoint.applied, ...unknownApplied], unknown: [] };
    const second = await company().customers.createMany(bodies, { resumeFrom: resolved });
    const after = await countsByNumber("BF-");
    checkInvariants(second, numbers, after);
    expect(second.skipped).toBe(resolved.applied.length);
    const invalid = numbers.filter((_, i) => i % 97 === 5);
    expect(after.size).toBe(600 - invalid.length);
    expect(invalid.every((n) => !after.has(n))).toBe(true);
    expect(second.items.filter((r) => r.status === "failed").map((r) => r.index)).toEqual(numbers.flatMap((_, i) => (i % 97 === 5 ? [i] : [])));
  });

  it("lookupKey: unknown creates are looked up by number afterwards → ok or failed (not applied); a resume then completes the set once", { timeout: 60_000 }, async () => {
    const numbers = Array.from({ length: 400 }, (_, i) => `BK-${i}`);
    const bodies = numbers.map((number) => ({ number, displayName: number }));
    f.emu.bc.faults.useRandom(seededRandom(4711));
    // Lost answers after commit and resets before processing, for the creates and for the lookups alike.
    const lost = f.emu.bc.faults.add({ match: { method: "POST", path: "/$batch" }, action: { kind: "lostResponse" }, probability: 0.25 });
    const reset = f.emu.bc.faults.add({ match: { method: "POST", path: "/$batch" }, action: { kind: "resetBeforeProcessing" }, probability: 0.2 });
    let first: BulkResult<unknown>;
    try {
      first = await company().customers.createMany(bodies, { chunkSize: 40, lookupKey: "number" });
    } finally {
      f.emu.bc.faults.clear();
    }
    expect(lost.hits).toBeGreaterThan(0);
    expect(reset.hits).toBeGreaterThan(0);
    expect(first.failed).toBeGreaterThan(0); // reset before processing → lookup finds nothing → failed, not unknown
    const server = await countsByNumber("BK-");
    checkInvariants(first, numbers, server);
    console.log(`bulk with lookupKey: ok ${first.ok}, failed ${first.failed}, unknown ${first.unknown}, requests ${first.requests}`);
    // Lost answers after commit: the lookup finds them, so they end ok, not unknown (lookups can lose answers too).
    expect(first.ok).toBeGreaterThanOrEqual([...server.values()].length - first.unknown);
    const second = await company().customers.createMany(bodies, { resumeFrom: first.checkpoint, resendUnknown: false, lookupKey: "number" });
    const after = await countsByNumber("BK-");
    checkInvariants(second, numbers, after);
    expect([...after.values()].every((n) => n === 1)).toBe(true);
    // Only items still unknown after the lookups may be missing (skipped on resume, left to the caller).
    const stillUnknown = new Set(first.checkpoint.unknown);
    expect(numbers.filter((n, i) => !after.has(n) && !stillUnknown.has(i))).toEqual([]);
    expect(first.unknown).toBeLessThan(first.items.length * 0.45);
  });

  it("an abort stops after the chunk in flight; the rest is not-sent and a resume sends only that", async () => {
    const numbers = Array.from({ length: 30 }, (_, i) => `BR-${i}`);
    const bodies = numbers.map((number) => ({ number, displayName: number }));
    const controller = new AbortController();
    let saved: BulkCheckpoint | undefined;
    const first = await company().customers.createMany(bodies, { chunkSize: 10, concurrency: 1, abortSignal: controller.signal, onProgress: (p) => { saved = p.checkpoint; controller.abort(); } });
    expect(first.ok).toBe(10);
    expect(first.notSent).toBe(20);
    const before = batchPosts();
    const second = await company().customers.createMany(bodies, { chunkSize: 10, resumeFrom: JSON.parse(JSON.stringify(saved)) as BulkCheckpoint });
    expect(batchPosts() - before).toBe(2);
    expect(second.skipped).toBe(10);
    expect(second.ok).toBe(20);
    const server = await countsByNumber("BR-");
    expect(server.size).toBe(30);
    expect([...server.values()].every((n) => n === 1)).toBe(true);
    await expect(company().customers.createMany(bodies.slice(1), { resumeFrom: saved })).rejects.toThrow(/checkpoint of 30 items/);
  });

  it("progress: settled counts every chunk; a checkpoint read in the report lists what was applied by then; 5 batches in flight by default", async () => {
    const numbers = Array.from({ length: 700 }, (_, i) => `BP-${i}`);
    f.emu.bc.resetLimitStatistics();
    const latency = f.emu.bc.faults.add({ match: { path: /\$batch$/ }, action: { kind: "latency", ms: 50 } });
    const reports: { settled: number; applied: number }[] = [];
    let unread = 0;
    try {
      // A limiter of its own: requests of the earlier fault tests may still hold slots of the shared one.
      const own = f.client({ limiter: new InProcessLimiter() }).company(f.companyId);
      const result = await own.customers.createMany(numbers.map((number) => ({ number, displayName: number })), {
        chunkSize: 100,
        onProgress: (p) => {
          // Every other report leaves its checkpoint unread (it is built only when read).
          if (reports.length % 2 === 1) {
            unread++;
            return void reports.push({ settled: p.settled, applied: -1 });
          }
          reports.push({ settled: p.settled, applied: p.checkpoint.applied.length });
        },
      });
      expect(result.ok).toBe(700);
    } finally {
      latency.remove();
    }
    expect(reports.map((r) => r.settled).sort((a, b) => a - b)).toEqual([100, 200, 300, 400, 500, 600, 700]);
    for (const r of reports) if (r.applied >= 0) expect(r.applied).toBe(r.settled);
    expect(unread).toBeGreaterThan(0);
    expect(f.emu.bc.limitStatistics.maxObservedConcurrency).toBe(5);
  });

  it("updateMany: an atomic chunk with one stale ETag changes nothing; non-atomic, only that item fails; deleteMany removes the rest", async () => {
    const created = await company().customers.createMany(["BU-0", "BU-1", "BU-2"].map((number) => ({ number, displayName: "before" })));
    const rows = created.items.map((r) => (r as { value: { id: string; "@odata.etag": string } }).value);
    const updates = rows.map((row, i) => ({ key: row.id, patch: { displayName: "after" }, etag: i === 1 ? 'W/"stale"' : row["@odata.etag"] }));
    const atomic = await company().customers.updateMany(updates, { atomic: true });
    expect(atomic.items.map((r) => r.status)).toEqual(["failed", "failed", "failed"]);
    const names = async () => {
      const out: string[] = [];
      for await (const c of company().customers.list({ select: ["number", "displayName"], filter: (q) => q.number.startsWith("BU-"), orderBy: ["number"] })) out.push(c.displayName ?? "");
      return out;
    };
    expect(await names()).toEqual(["before", "before", "before"]);
    const loose = await company().customers.updateMany(updates);
    expect(loose.items.map((r) => r.status)).toEqual(["ok", "failed", "ok"]);
    expect(await names()).toEqual(["after", "before", "after"]);
    const deleted = await company().customers.deleteMany(rows.map((row) => ({ key: row.id, ifMatch: "*" as const })));
    expect(deleted.ok).toBe(3);
    expect(await names()).toEqual([]);
  });
});
