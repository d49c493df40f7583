import { describe, expect, it } from "vitest";
import { concurrencyLimiter } from "../src/index.js";

function deferred() {
  let resolve!: (r: Response) => void;
  const promise = new Promise<Response>((r) => (resolve = r));
  return { promise, resolve };
}

describe("concurrencyLimiter", () => {
  it("admits at most max, then FIFO as slots free up", async () => {
    const limiter = concurrencyLimiter(2);
    const started: number[] = [];
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const calls = gates.map((gate, i) =>
      limiter(new Request("http://x/"), async () => {
        started.push(i);
        return gate.promise;
      }),
    );
    await new Promise((r) => setTimeout(r, 5));
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve(new Response("1"));
    await calls[1];
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.resolve(new Response("0"));
    gates[2]!.resolve(new Response("2"));
    gates[3]!.resolve(new Response("3"));
    await Promise.all(calls);
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it("a waiting request leaves the queue when aborted, without taking a slot", async () => {
    const limiter = concurrencyLimiter(1);
    const gate = deferred();
    const first = limiter(new Request("http://x/"), () => gate.promise);
    const controller = new AbortController();
    const waiting = limiter(new Request("http://x/", { signal: controller.signal }), async () => new Response("never"));
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    gate.resolve(new Response("ok"));
    await first;
    let ran = false;
    await limiter(new Request("http://x/"), async () => ((ran = true), new Response("next")));
    expect(ran).toBe(true);
  });

  it("rejects a non-positive limit", () => {
    expect(() => concurrencyLimiter(0)).toThrow(RangeError);
  });
});
