import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { releaseWhenFinished } from "../src/pipeline/lease-bound-response.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

describe("releaseWhenFinished: a slot held until the body is finished", () => {
  it("reading the body to its end releases once", async () => {
    let released = 0;
    const response = releaseWhenFinished(new Response("abc"), () => released++);
    expect(released).toBe(0);
    expect(await response.text()).toBe("abc");
    expect(released).toBe(1);
  });
  it("cancelling the stream releases", async () => {
    let released = 0;
    const response = releaseWhenFinished(new Response("abc"), () => released++);
    await response.body!.cancel();
    expect(released).toBe(1);
  });
  it("a stream dropped unread gives its slot back when it is collected", async () => {
    let released = 0;
    (() => {
      // Not read, not cancelled, no reference kept.
      releaseWhenFinished(new Response(new ReadableStream({ pull: () => undefined })), () => released++);
    })();
    for (let i = 0; i < 50 && released === 0; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(released).toBe(1);
  });
  it("a stream still held is not released by a collection", async () => {
    let released = 0;
    const response = releaseWhenFinished(new Response(new ReadableStream({ pull: () => undefined })), () => released++);
    for (let i = 0; i < 5; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(released).toBe(0);
    await response.body!.cancel();
    expect(released).toBe(1);
  });
});
