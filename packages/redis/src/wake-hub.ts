import type { Redis } from "ioredis";

/**
 * Targeted wake-ups for waiting callers: when a worker releases a slot, the release script hands it
 * to the longest-waiting caller and publishes that caller's id on the channel of the limiter
 * instance it belongs to — one message to one process, not a broadcast every waiter races for.
 * One subscriber connection per limiter (a subscribed ioredis connection can do nothing else).
 * A lost message costs at most one heartbeat interval: the next beat finds the waiter's slot.
 */
export class WakeHub {
  readonly #redis: Redis;
  readonly #channel: string;
  #subscriber: Redis | undefined;
  readonly #listeners = new Map<string, () => void>();
  /**
   * Hand-overs that arrived while their waiter was between two sleeps (e.g. in the middle of a poll),
   * by arrival time. One can also arrive twice (the release's message and a heartbeat's report) and
   * then is never consumed: entries older than a minute are dropped.
   */
  readonly #early = new Map<string, number>();

  constructor(redis: Redis, channel: string) {
    this.#redis = redis;
    this.#channel = channel;
  }

  /** Calls `listener` when a slot is handed to waiter `id`; returns the unsubscribe function. */
  listen(id: string, listener: () => void): () => void {
    this.#subscribe();
    if (this.#early.delete(id)) {
      queueMicrotask(listener);
      return () => undefined;
    }
    this.#listeners.set(id, listener);
    return () => {
      if (this.#listeners.get(id) === listener) this.#listeners.delete(id);
    };
  }

  /** A slot was handed to waiter `id` of this process directly (the release came from here). */
  deliver(id: string): void {
    const listener = this.#listeners.get(id);
    if (listener) listener();
    else this.#keepEarly(id);
  }

  /** The waiter is done (admitted or gone): drop any hand-over kept for it. */
  forget(id: string): void {
    this.#early.delete(id);
    this.#listeners.delete(id);
  }

  #keepEarly(id: string): void {
    const now = performance.now();
    if (this.#early.size >= 1_000) {
      for (const [early, at] of this.#early) if (now - at > 60_000) this.#early.delete(early);
      if (this.#early.size >= 10_000) return; // bounded even when a minute brings more
    }
    this.#early.set(id, now);
  }

  async close(): Promise<void> {
    const subscriber = this.#subscriber;
    this.#subscriber = undefined;
    this.#listeners.clear();
    this.#early.clear();
    if (subscriber) subscriber.disconnect();
  }

  #subscribe(): void {
    if (this.#subscriber) return;
    // Offline queue on and unlimited retries: the subscription must survive a Redis restart
    // (ioredis re-subscribes on reconnect); the limiter's own commands fail fast instead.
    const subscriber = this.#redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, lazyConnect: false });
    subscriber.on("error", () => undefined); // reconnects on its own; polling covers the gap
    subscriber.on("message", (_channel: string, id: string) => this.deliver(id));
    subscriber.subscribe(this.#channel).catch(() => undefined);
    this.#subscriber = subscriber;
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
