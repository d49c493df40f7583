import { attemptRecordOf, attemptResultOf } from "./attempt-record.js";
import type { Policy } from "./policy.js";
import { decideRetry, type RetryOptions } from "./retry-decision.js";

/** Injected clock and randomness, so tests run without real waiting. */
export interface RetryEnvironment {
  readonly now: () => number;
  readonly random: () => number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * The retry loop: sends, asks `decideRetry`, waits, re-sends a clone. Honours the caller's abort signal while waiting.
 *
 * @example
 * retryPolicy({ maxRetries: 3, retryDelayInMs: 800, maxRetryDelayInMs: 60_000 }, { now: Date.now, random: Math.random, sleep })
 */
export function retryPolicy(options: RetryOptions, env: RetryEnvironment): Policy {
  return async (request, next) => {
    const record = attemptRecordOf(request);
    for (let attempt = 0; ; attempt++) {
      // Body-less requests can be sent again as they are; bodies are teed so the next attempt has one.
      const copy = request.body === null ? request : request.clone();
      let response: Response | undefined;
      let error: unknown;
      try {
        response = await next(copy);
      } catch (e) {
        error = e;
      }
      record?.attempts.push(attemptResultOf(response, error, env.now()));
      if (response !== undefined && response.status < 400) return response;
      const decision = decideRetry({ method: request.method, attempt, response, error, now: env.now(), random: env.random() }, options);
      if (!decision.retry || request.signal.aborted) {
        if (response !== undefined) return response;
        throw error;
      }
      await response?.body?.cancel();
      await env.sleep(decision.delayInMs, request.signal);
    }
  };
}

/** Real sleep that rejects with the signal's reason on abort. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
