import type { FaultAction } from "./fault-injector.js";

/**
 * Ready-made `answer` faults for what a client meets in the wild.
 *
 * @example
 * emu.bc.faults.add({ match: { method: "GET" }, action: faultAnswers.htmlPage(), times: 1 });  // a proxy's sign-in page with 200
 */
export const faultAnswers = {
  /** A proxy or captive portal's sign-in page with status 200 (nothing reached BC). */
  htmlPage: (afterProcessing = false): FaultAction => ({
    kind: "answer",
    status: 200,
    contentType: "text/html; charset=utf-8",
    body: "<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action=\"/login\">Proxy authentication required</form></body></html>",
    afterProcessing,
  }),
  /** An XML document with status 200 (e.g. an Atom feed or a misconfigured Accept). */
  xmlBody: (afterProcessing = false): FaultAction => ({
    kind: "answer",
    status: 200,
    contentType: "application/xml",
    body: '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>customers</title></feed>',
    afterProcessing,
  }),
  /** JSON of the wrong shape: `value` is a string, not an array. */
  valueNotArray: (afterProcessing = true): FaultAction => ({ kind: "answer", status: 200, contentType: "application/json; odata.metadata=minimal", body: '{"value":"abc"}', afterProcessing }),
  /** A JSON array where an object was expected. */
  arrayBody: (afterProcessing = true): FaultAction => ({ kind: "answer", status: 200, contentType: "application/json", body: "[1,2,3]", afterProcessing }),
  /** Status 200 with no body at all. */
  empty200: (afterProcessing = true): FaultAction => ({ kind: "answer", status: 200, contentType: "application/json", body: "", afterProcessing }),
};

/**
 * A small seeded PRNG (mulberry32) for `faults.useRandom`, so a fault mix repeats run after run.
 *
 * @example
 * const random = seededRandom(42); random(); // 0.6011037519201636
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
