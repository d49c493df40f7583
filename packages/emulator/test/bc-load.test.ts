import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBc, type TestBc } from "./support/start-test-bc.js";

type Collection = { value: { id: string }[] };

let t: TestBc;
beforeAll(async () => {
  t = await startTestBc({ limits: { maxConcurrent: 3, maxQueue: 4, maxRequestsPerWindow: 100_000, retryAfterSeconds: 0 } });
  // A little service time per create so that requests overlap and the limits engage.
  t.bc.faults.add({ match: { method: "POST" }, action: { kind: "latency", ms: 5 } });
});
afterAll(async () => {
  await t.bc.close();
});

const workers = 20;
const perWorker = 15;

/** One client: creates its customers, retrying 429/503 as BC clients must (§7). */
async function worker(n: number, acknowledged: Set<string>, statuses: number[]): Promise<void> {
  for (let i = 0; i < perWorker; i++) {
    for (let attempt = 0; ; attempt++) {
      const res = await t.fetch(`${t.company}/customers`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ displayName: `Load ${n}-${i}` }) });
      statuses.push(res.status);
      if (res.status === 201) {
        acknowledged.add(((await res.json()) as { id: string }).id);
        break;
      }
      await res.arrayBuffer();
      if (res.status !== 429 && res.status !== 503) throw new Error(`unexpected ${res.status}`);
      if (attempt > 200) throw new Error("gave up");
      await new Promise((r) => setTimeout(r, 2 + Math.random() * 8));
    }
  }
}

describe("§7 bounded loopback load: limits engage and nothing is lost", () => {
  it(`${workers} clients × ${perWorker} creates under 3 concurrent / 4 queued`, async () => {
    const before = (await t.json<Collection>(`${t.company}/customers?$select=id`)).body.value.length;
    const acknowledged = new Set<string>();
    const statuses: number[] = [];
    await Promise.all(Array.from({ length: workers }, (_, n) => worker(n, acknowledged, statuses)));

    expect(acknowledged.size).toBe(workers * perWorker);
    const after = (await t.json<Collection>(`${t.company}/customers?$select=id`)).body.value.map((c) => c.id);
    expect(after.length - before).toBe(acknowledged.size);
    for (const id of acknowledged) expect(after).toContain(id);

    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(t.bc.limitStatistics.maxObservedConcurrency).toBe(3);
    expect(t.bc.requests.filter((r) => r.status >= 500 && r.status !== 503)).toEqual([]);
  });
});
