import type { Policy } from "./policy.js";

/**
 * @deprecated Clients now share an identity's limits through a `RequestLimiter` (`InProcessLimiter`
 * by default; options `limits`, `limiter`) which also holds the slot until the body is read, keeps the
 * sliding window and pauses on 429/503 — see docs/throttling.md. Kept for custom pipelines.
 *
 * At most `max` requests in flight; the rest wait in FIFO order (BC allows 5 concurrent
 * requests per identity and queues or 429s the rest). Waiting requests leave the queue on abort.
 *
 * @example
 * const limiter = concurrencyLimiter(5);   // shared by every client of one credential
 */
export function concurrencyLimiter(max: number): Policy {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxConcurrency must be a positive integer, got ${max}.`);
  let active = 0;
  const waiting: Array<() => void> = [];
  const wait = (signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const grant = () => {
        signal.removeEventListener("abort", onAbort);
        active++;
        resolve();
      };
      const onAbort = () => {
        const i = waiting.indexOf(grant);
        if (i >= 0) waiting.splice(i, 1);
        reject(signal.reason);
      };
      waiting.push(grant);
      signal.addEventListener("abort", onAbort, { once: true });
    });
  const release = () => {
    active--;
    waiting.shift()?.();
  };
  return async (request, next) => {
    if (active < max) active++;
    else await wait(request.signal);
    try {
      return await next(request);
    } finally {
      release();
    }
  };
}
