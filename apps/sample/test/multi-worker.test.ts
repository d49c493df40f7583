import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { multiWorker } from "../src/scenarios/multi-worker.js";
import { resolveTarget, type Target } from "../src/target.js";

let target: Target;
beforeAll(async () => {
  target = await resolveTarget({});
});
afterAll(async () => {
  await target.close();
});

// Real child processes and a redis-server of its own: the scenario as a user runs it.
test("multi-worker: 3 processes share one identity's limits and token through Redis", async () => {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  try {
    await multiWorker(target, { workers: 3, requestsPerWorker: 8 });
  } finally {
    spy.mockRestore();
  }
  const text = out.join("");
  for (const w of [0, 1, 2]) expect(text).toContain(`worker ${w}: 8/8 requests, 0× 429/503`);
  expect(text).toContain("24 of 24 requests succeeded");
  expect(text).toContain("1 token request(s) for all 3 workers");
  const most = Number(/at most (\d+) requests of the identity in flight/.exec(text)?.[1]);
  expect(most).toBeGreaterThan(0);
  expect(most).toBeLessThanOrEqual(5);
  // 24 requests over 100 ms each, 3 × 5 wanting to run: BC's queue (emulator) saw no more than 5 processed at once either
  expect(target.emulator!.bc.limitStatistics.throttled).toBe(0);
}, 60_000);
