import { describe, expect, it } from "vitest";
import { identityOf, InProcessLimiter, LimiterWaitTimeoutError, type LimiterLease } from "../src/index.js";

/** A clock and timers the test moves by hand: `sleep` resolves when `advance` passes its end. */
function manualTime() {
  let now = 1_000_000;
  const timers: Array<{ at: number; resolve: () => void }> = [];
  return {
    now: () => now,
    sleep: (ms: number, signal: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        const timer = { at: now + ms, resolve };
        timers.push(timer);
        signal.addEventListener("abort", () => (timers.splice(timers.indexOf(timer), 1), reject(signal.reason)), { once: true });
      }),
    async advance(ms: number) {
      now += ms;
      for (const t of timers.filter((t) => t.at <= now)) (timers.splice(timers.indexOf(t), 1), t.resolve());
      await flush();
    },
  };
}
const flush = () => new Promise((r) => setTimeout(r, 0));
const id = "https://login.microsoftonline.com|contoso|app";

/** Starts `n` acquires and reports which were admitted so far. */
function contenders(limiter: InProcessLimiter, n: number, options: { retrying?: boolean } = {}) {
  const leases: Array<LimiterLease | undefined> = Array.from({ length: n });
  const done = Array.from({ length: n }, (_, i) => limiter.acquire(id, options).then((l) => (leases[i] = l)));
  return { leases, done, admitted: () => leases.map((l, i) => (l ? i : -1)).filter((i) => i >= 0) };
}

describe("InProcessLimiter", () => {
  it("admits maxConcurrency at once, then FIFO as leases are released; retries go ahead of first attempts", async () => {
    const limiter = new InProcessLimiter({ limits: { maxConcurrency: 2 } });
    const first = contenders(limiter, 4);
    await flush();
    expect(first.admitted()).toEqual([0, 1]);
    const retry = contenders(limiter, 1, { retrying: true });
    await first.leases[0]!.release();
    await flush();
    expect(retry.admitted()).toEqual([0]); // ahead of first attempts 2 and 3
    expect(first.admitted()).toEqual([0, 1]);
    await first.leases[1]!.release();
    await first.leases[1]!.release(); // twice does nothing
    await flush();
    expect(first.admitted()).toEqual([0, 1, 2]);
    expect((await limiter.snapshot(id)).inFlight).toBe(2);
  });

  it("a pause stops the identity; afterwards ONE probe goes, and only its clean return reopens every slot", async () => {
    const time = manualTime();
    const limiter = new InProcessLimiter({ now: time.now, sleep: time.sleep });
    await limiter.pause(id, { delayInMs: 1_000, reason: "429" });
    const waiting = contenders(limiter, 6);
    await time.advance(999);
    expect(waiting.admitted()).toEqual([]);
    await time.advance(1);
    expect(waiting.admitted()).toEqual([0]);
    expect(waiting.leases[0]!.probe).toBe(true);
    // The probe is throttled too: pause again, then release — still one at a time.
    await limiter.pause(id, { delayInMs: 2_000, reason: "429" });
    await waiting.leases[0]!.release();
    await time.advance(1_000);
    expect(waiting.admitted()).toEqual([0]);
    await time.advance(1_000);
    expect(waiting.admitted()).toEqual([0, 1]);
    await waiting.leases[1]!.release(); // the second probe came back clean
    await flush();
    expect(waiting.admitted()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(waiting.leases[2]!.probe).toBe(false);
  });

  it("the longest pause wins; a waiter whose deadline falls inside a pause is refused at once", async () => {
    const time = manualTime();
    const limiter = new InProcessLimiter({ now: time.now, sleep: time.sleep });
    await limiter.pause(id, { delayInMs: 5_000, reason: "429" });
    await limiter.pause(id, { delayInMs: 1_000, reason: "429" });
    expect((await limiter.snapshot(id)).pausedUntil).toBe(time.now() + 5_000);
    const error = await limiter.acquire(id, { deadline: time.now() + 3_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LimiterWaitTimeoutError);
    expect(error).toMatchObject({ blockedBy: "paused", availableAt: time.now() + 5_000 });
  });

  it("the sliding window counts running requests and stamps finished ones when they finish", async () => {
    const time = manualTime();
    const limiter = new InProcessLimiter({ now: time.now, sleep: time.sleep, limits: { maxRequestsPerWindow: 3, windowInMs: 1_000 } });
    const first = contenders(limiter, 3);
    await flush();
    const late = contenders(limiter, 1);
    await flush();
    expect(late.admitted()).toEqual([]); // 3 running fill the window although slots are free
    await time.advance(400);
    for (const lease of first.leases) await lease!.release(); // stamped at +400
    await time.advance(999);
    expect(late.admitted()).toEqual([]);
    await time.advance(2);
    expect(late.admitted()).toEqual([0]);
    expect((await limiter.snapshot(id)).windowUsed).toBe(1);
  });

  it("a deadline does not fail a request that only waits for a slot behind the identity's own requests", async () => {
    const limiter = new InProcessLimiter({ limits: { maxConcurrency: 1 } });
    const holder = await limiter.acquire(id);
    const waiting = limiter.acquire(id, { deadline: Date.now() + 20 });
    await new Promise((r) => setTimeout(r, 60));
    await holder.release();
    expect((await waiting).waitedInMs).toBeGreaterThan(0);
  });

  it("an aborted waiter leaves the queue without taking a slot", async () => {
    const limiter = new InProcessLimiter({ limits: { maxConcurrency: 1 } });
    const holder = await limiter.acquire(id);
    const controller = new AbortController();
    const waiting = limiter.acquire(id, { abortSignal: controller.signal });
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    expect((await limiter.snapshot(id)).queued).toBe(0);
    await holder.release();
    const next = await limiter.acquire(id);
    expect(next.waitedInMs).toBe(0);
  });

  it("rejects limits that are not positive integers", () => {
    expect(() => new InProcessLimiter({ limits: { maxConcurrency: 0 } })).toThrow(RangeError);
  });
});

describe("identityOf", () => {
  const root = "https://api.businesscentral.dynamics.com/v2.0/contoso/production/api/v2.0";
  const entra = (tenantId: string, clientId: string) => ({ tenantId, clientId, authority: `https://login.microsoftonline.com/${tenantId}`, getToken: async () => ({ token: "t" }) });

  it("two provider objects of one app registration are one identity; another tenant or app is another", () => {
    expect(identityOf(entra("Contoso.onmicrosoft.com", "APP-1"), root)).toBe(identityOf(entra("contoso.onmicrosoft.com", "app-1"), root));
    expect(identityOf(entra("contoso.onmicrosoft.com", "app-1"), root)).toBe("https://login.microsoftonline.com|contoso.onmicrosoft.com|app-1");
    expect(identityOf(entra("fabrikam.onmicrosoft.com", "app-1"), root)).not.toBe(identityOf(entra("contoso.onmicrosoft.com", "app-1"), root));
    expect(identityOf(entra("contoso.onmicrosoft.com", "app-2"), root)).not.toBe(identityOf(entra("contoso.onmicrosoft.com", "app-1"), root));
  });

  it("a credential without tenantId/clientId is its own identity; no credential is one identity per server", () => {
    const a = { getToken: async () => ({ token: "t" }) };
    const b = { getToken: async () => ({ token: "t" }) };
    expect(identityOf(a, root)).toBe(identityOf(a, root));
    expect(identityOf(a, root)).not.toBe(identityOf(b, root));
    expect(identityOf(undefined, root)).toBe("anonymous|https://api.businesscentral.dynamics.com");
  });
});
