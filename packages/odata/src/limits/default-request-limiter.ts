import { InProcessLimiter } from "./in-process-limiter.js";
import type { RequestLimiter } from "./request-limiter.js";

const key = Symbol.for("@bcts/odata/default-request-limiter");
const store = globalThis as typeof globalThis & { [key]?: RequestLimiter };

/**
 * The limiter every client uses unless given `limiter`: one per process — kept on `globalThis`, so
 * even two copies of @bcts/odata in one process (a bundled and an installed one) share it — so all
 * clients and provider objects of one identity share its slots, window and pauses.
 */
export const defaultRequestLimiter: RequestLimiter = (store[key] ??= new InProcessLimiter());

const bySleep = new WeakMap<object, RequestLimiter>();

/**
 * The limiter of a client that injects `sleep` (tests) and no `limiter`: pauses then wait through that
 * `sleep` too, not in real time. One per `sleep` function, so clients sharing it share the limiter.
 */
export function limiterForInjectedSleep(sleep: (ms: number, signal: AbortSignal) => Promise<void>): RequestLimiter {
  let limiter = bySleep.get(sleep);
  if (limiter === undefined) bySleep.set(sleep, (limiter = new InProcessLimiter({ sleep })));
  return limiter;
}
