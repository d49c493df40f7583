import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { identityKeys } from "../src/identity-keys.js";
import { WaiterHeartbeat } from "../src/waiter-heartbeat.js";

const LIMITS = { maxConcurrency: 5, maxRequestsPerWindow: 60, windowInMs: 3_000 };
const [a, b] = ["identity-a", "identity-b"].map((identity) => identityKeys("bcts:", "limiter", identity)) as [ReturnType<typeof identityKeys>, ReturnType<typeof identityKeys>];

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe("WaiterHeartbeat", () => {
  it("beats once per identity for all of the process's waiters, not once per waiter", async () => {
    const beats: string[][] = [];
    const heartbeat = new WaiterHeartbeat({ intervalInMs: 100, random: () => 1, beat: async (keys, _limits, ids) => (beats.push([keys.leases, ...ids]), []), handed: () => undefined });
    for (const id of ["w1", "w2", "w3"]) heartbeat.join(a, LIMITS, id, () => undefined);
    heartbeat.join(b, LIMITS, "w4", () => undefined);
    await vi.advanceTimersByTimeAsync(100);
    expect(beats).toEqual([[a.leases, "w1", "w2", "w3"], [b.leases, "w4"]]);
    heartbeat.leave(a, "w2");
    heartbeat.leave(b, "w4");
    await vi.advanceTimersByTimeAsync(100);
    expect(beats.slice(2)).toEqual([[a.leases, "w1", "w3"]]);
    heartbeat.leave(a, "w1");
    heartbeat.leave(a, "w3");
    await vi.advanceTimersByTimeAsync(1_000);
    expect(beats).toHaveLength(3); // nobody waits: no calls at all
    heartbeat.close();
  });

  it("passes on the waiters that hold a slot, and wakes every waiter of the identity when a beat fails", async () => {
    const handed: string[] = [];
    const nudged: string[] = [];
    let fail = false;
    const heartbeat = new WaiterHeartbeat({
      intervalInMs: 100,
      random: () => 0,
      beat: async (_keys, _limits, ids) => {
        if (fail) throw new Error("Connection is closed.");
        return ids.filter((id) => id === "w2");
      },
      handed: (id) => handed.push(id),
    });
    for (const id of ["w1", "w2"]) heartbeat.join(a, LIMITS, id, () => nudged.push(id));
    await vi.advanceTimersByTimeAsync(100);
    expect(handed).toEqual(["w2"]);
    expect(nudged).toEqual([]);
    fail = true;
    await vi.advanceTimersByTimeAsync(100);
    expect(nudged).toEqual(["w1", "w2"]);
    heartbeat.close();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(nudged).toHaveLength(2); // closed: no more beats
  });
});
