import type { Policy } from "./policy.js";

/**
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

const shared = new WeakMap<object, Map<number, Policy>>();

/** One limiter per identity (credential object) and limit, shared across clients created with that credential. */
export function limiterFor(identity: object, max: number): Policy {
  let byMax = shared.get(identity);
  if (byMax === undefined) shared.set(identity, (byMax = new Map()));
  let limiter = byMax.get(max);
  if (limiter === undefined) byMax.set(max, (limiter = concurrencyLimiter(max)));
  return limiter;
}
