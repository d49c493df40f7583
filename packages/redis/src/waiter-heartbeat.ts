import type { IdentityLimits } from "@bcts/odata";
import type { IdentityKeys } from "./identity-keys.js";

/** One identity's waiters in this process: id → how to wake that waiter so it polls itself. */
interface Group {
  readonly keys: IdentityKeys;
  limits: IdentityLimits;
  readonly waiters: Map<string, () => void>;
}

export interface WaiterHeartbeatOptions {
  /** Time between two beats (jittered down to ¾ of it). */
  readonly intervalInMs: number;
  readonly random: () => number;
  /** One call for all waiters of one identity; resolves with those of them that hold a slot now. */
  readonly beat: (keys: IdentityKeys, limits: IdentityLimits, ids: readonly string[]) => Promise<readonly string[]>;
  /** A waiter holds a slot (see WakeHub.deliver). */
  readonly handed: (id: string) => void;
}

/**
 * Keeps this process's waiting callers alive in the shared queue with ONE call per identity and
 * interval, instead of one poll per waiter: with 16 processes × 5 callers that is 16 calls per
 * interval rather than 75, and the waiters themselves sleep until a release hands them a slot (the
 * wake hub) — they no longer wake up to ask. The beat also catches what a wake-up can miss: a slot
 * handed over while the subscriber was reconnecting, a slot freed without a release (an expired
 * lease, an ended pause). When a beat fails (Redis down), every waiter is woken to poll on its own,
 * which applies the limiter's outage policy (grace period, then fail closed or fall back).
 *
 * @example
 * const heartbeat = new WaiterHeartbeat({ intervalInMs: 500, random: Math.random, beat, handed: (id) => hub.deliver(id) });
 * heartbeat.join(keys, limits, waiterId, () => wakeToPoll());
 * // … admitted or gone:
 * heartbeat.leave(keys, waiterId);
 */
export class WaiterHeartbeat {
  readonly #o: WaiterHeartbeatOptions;
  /** By the identity's leases key. */
  readonly #groups = new Map<string, Group>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #beating = false;

  constructor(options: WaiterHeartbeatOptions) {
    this.#o = options;
  }

  join(keys: IdentityKeys, limits: IdentityLimits, id: string, nudge: () => void): void {
    let group = this.#groups.get(keys.leases);
    if (!group) this.#groups.set(keys.leases, (group = { keys, limits, waiters: new Map() }));
    group.limits = limits;
    group.waiters.set(id, nudge);
    this.#schedule();
  }

  /** Synchronous on purpose: the waiter's own release (sent right after) must not be overtaken by a beat that still names it. */
  leave(keys: IdentityKeys, id: string): void {
    const group = this.#groups.get(keys.leases);
    if (!group) return;
    group.waiters.delete(id);
    if (group.waiters.size === 0) this.#groups.delete(keys.leases);
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#groups.clear();
  }

  #schedule(): void {
    if (this.#timer !== undefined || this.#beating || this.#groups.size === 0) return;
    this.#timer = setTimeout(() => void this.#beatAll(), this.#o.intervalInMs * (0.75 + this.#o.random() * 0.25));
    this.#timer.unref?.();
  }

  async #beatAll(): Promise<void> {
    this.#timer = undefined;
    this.#beating = true;
    try {
      await Promise.all(
        [...this.#groups.values()].map(async (group) => {
          try {
            for (const id of await this.#o.beat(group.keys, group.limits, [...group.waiters.keys()])) this.#o.handed(id);
          } catch {
            for (const nudge of [...group.waiters.values()]) nudge();
          }
        }),
      );
    } finally {
      this.#beating = false;
      this.#schedule();
    }
  }
}
