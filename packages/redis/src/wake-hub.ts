import type { Redis } from "ioredis";

/**
 * Pub/sub wake-ups for waiting callers: a release publishes on the identity's channel and every
 * waiter of that identity in this process re-tries at once instead of sleeping out its poll
 * interval. One subscriber connection per limiter (a subscribed ioredis connection can do nothing
 * else). Wake-ups are an optimisation: a lost message only costs one poll interval.
 */
export class WakeHub {
  readonly #redis: Redis;
  #subscriber: Redis | undefined;
  readonly #listeners = new Map<string, Set<() => void>>();

  constructor(redis: Redis) {
    this.#redis = redis;
  }

  /** Calls `listener` on the next message on `channel`; returns the unsubscribe function. */
  listen(channel: string, listener: () => void): () => void {
    let set = this.#listeners.get(channel);
    if (!set) {
      this.#listeners.set(channel, (set = new Set()));
      this.#subscribe(channel);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  async close(): Promise<void> {
    const subscriber = this.#subscriber;
    this.#subscriber = undefined;
    this.#listeners.clear();
    if (subscriber) subscriber.disconnect();
  }

  #subscribe(channel: string): void {
    if (!this.#subscriber) {
      // Offline queue on and unlimited retries: the subscription must survive a Redis restart
      // (ioredis re-subscribes on reconnect); the limiter's own commands fail fast instead.
      const subscriber = this.#redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, lazyConnect: false });
      subscriber.on("error", () => undefined); // reconnects on its own; polling covers the gap
      subscriber.on("message", (ch: string) => {
        for (const listener of [...(this.#listeners.get(ch) ?? [])]) listener();
      });
      this.#subscriber = subscriber;
    }
    this.#subscriber.subscribe(channel).catch(() => undefined);
  }
}

/**
 * Sleeps `ms`, or less when woken or aborted (abort rejects with the signal's reason).
 *
 * @example
 * await pause(200, signal, (wake) => hub.listen(channel, wake));
 */
export function pause(ms: number, signal: AbortSignal | undefined, subscribe?: (wake: () => void) => () => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    let unsubscribe: (() => void) | undefined;
    const done = (): void => {
      clearTimeout(timer);
      unsubscribe?.();
      signal?.removeEventListener("abort", onAbort);
    };
    const onAbort = (): void => {
      done();
      reject(signal?.reason);
    };
    const timer = setTimeout(() => (done(), resolve()), Math.max(0, ms));
    unsubscribe = subscribe?.(() => (done(), resolve()));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
