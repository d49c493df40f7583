import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { BUSINESS_CENTRAL_ONLINE_LIMITS, LimiterWaitTimeoutError, type IdentityLimits, type LimiterAcquireOptions, type LimiterLease, type LimiterPause, type LimiterSnapshot, type RequestLimiter } from "@bcts/odata";
import { identityKeys, type IdentityKeys } from "./identity-keys.js";
import { isConnectionError, RedisUnavailableError } from "./redis-unavailable-error.js";
import { limiterCommands, type LimiterCommands } from "./redis-scripts.js";
import { pause, WakeHub } from "./wake-hub.js";
import { WaiterHeartbeat } from "./waiter-heartbeat.js";

type CallOutcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

export interface RedisRequestLimiterOptions {
  /** A connection this limiter may use (see `createRedisConnection`); the caller closes it. */
  readonly redis: Redis;
  /** Default BUSINESS_CENTRAL_ONLINE_LIMITS: 5 in flight, 6,000 per 5 minutes. Every worker must use the same values. */
  readonly limits?: Partial<IdentityLimits>;
  /** Prefix of every key. Default "bcts:". */
  readonly keyPrefix?: string;
  /** A slot whose holder stops renewing (crashed, frozen) comes back after this long. Default 15,000. Renewed every third of it. */
  readonly leaseTtlInMs?: number;
  /**
   * How often a process refreshes its waiting callers' places in the queue — one call per identity
   * for all of them — and checks for slots that came free without a release (an expired lease). A
   * caller waiting for a busy slot is woken by the release that hands it one; a caller waiting for a
   * pause or the window to end polls at most this long apart. Default 500.
   */
  readonly maxPollIntervalInMs?: number;
  /**
   * A freed slot goes to a waiter of the releasing process first (that process is running, so the
   * slot is used at once) unless the longest-waiting caller has waited this long. Fairness vs
   * throughput: 0 is strict first come, first served. Default 1,000.
   */
  readonly maxOvertakeInMs?: number;
  /** How long `acquire` keeps retrying while Redis is unreachable before it fails. Default 5,000. */
  readonly unavailableGraceInMs?: number;
  /**
   * Policy when Redis is unreachable. Without it the limiter fails closed (`RedisUnavailableError`).
   * With it, requests continue under this limiter (e.g. the in-process one) — each worker then
   * enforces the limits alone, so N workers may together exceed them; a warning says so.
   */
  readonly fallback?: RequestLimiter;
  /** Warnings (Redis down, fallback in use). Default `process.emitWarning`. */
  readonly onWarning?: (message: string) => void;
  /** Epoch ms, only for the caller's `deadline`. Admission uses the Redis server's clock. */
  readonly clock?: () => number;
  readonly random?: () => number;
}

/**
 * A `RequestLimiter` shared by every worker through Redis: concurrency leases that expire, the
 * sliding-window budget and the identity-wide pause after 429/503, each an atomic Lua script on
 * the server's clock (limiter-scripts.ts). Waiters are admitted first come, first served.
 *
 * @example
 * const redis = createRedisConnection(process.env.REDIS_URL!);
 * const limiter = new RedisRequestLimiter({ redis });
 * const lease = await limiter.acquire(identityKey({ authority, tenantId, clientId }), { deadline: Date.now() + 60_000 });
 * try { await fetch(url); } finally { await lease.release(); }
 */
export class RedisRequestLimiter implements RequestLimiter {
  readonly limits: IdentityLimits;
  readonly #o: Required<Omit<RedisRequestLimiterOptions, "fallback" | "limits" | "redis">> & { readonly fallback: RequestLimiter | undefined };
  readonly #commands: LimiterCommands;
  readonly #hub: WakeHub;
  readonly #heartbeat: WaiterHeartbeat;
  /** This limiter's part of every waiter id; releases address wake-ups to it. */
  readonly #instance = randomUUID().replace(/-/g, "");
  readonly #wakePrefix: string;
  #warnedOutage = false;
  #outageSince: number | undefined;

  constructor(options: RedisRequestLimiterOptions) {
    this.limits = { ...BUSINESS_CENTRAL_ONLINE_LIMITS, ...options.limits };
    for (const [name, value] of Object.entries(this.limits)) {
      if (!Number.isInteger(value) || value < 1) throw new RangeError(`limits.${name} must be a positive integer, got ${value}.`);
    }
    this.#o = {
      keyPrefix: options.keyPrefix ?? "bcts:",
      leaseTtlInMs: options.leaseTtlInMs ?? 15_000,
      maxPollIntervalInMs: options.maxPollIntervalInMs ?? 500,
      unavailableGraceInMs: options.unavailableGraceInMs ?? 5_000,
      maxOvertakeInMs: options.maxOvertakeInMs ?? 1_000,
      fallback: options.fallback,
      onWarning: options.onWarning ?? ((message) => process.emitWarning(message, "BctsRedisWarning")),
      clock: options.clock ?? Date.now,
      random: options.random ?? Math.random,
    };
    this.#commands = limiterCommands(options.redis);
    this.#wakePrefix = `${this.#o.keyPrefix}limiter:wake:`;
    this.#hub = new WakeHub(options.redis, `${this.#wakePrefix}${this.#instance}`);
    const o = this.#o;
    this.#heartbeat = new WaiterHeartbeat({
      intervalInMs: o.maxPollIntervalInMs,
      random: o.random,
      beat: async (keys, limits, ids) =>
        ((await this.#commands.bctsLimiterHeartbeat(...keys.all, this.#wakePrefix, limits.maxConcurrency, limits.maxRequestsPerWindow, limits.windowInMs, o.leaseTtlInMs, this.#instance, o.maxOvertakeInMs, o.maxPollIntervalInMs * 4, ...ids)) as string[] | null) ?? [],
      handed: (id) => this.#hub.deliver(id),
    });
  }

  async acquire(identity: string, options: LimiterAcquireOptions = {}): Promise<LimiterLease> {
    const { abortSignal: signal, deadline } = options;
    const o = this.#o;
    const keys = identityKeys(o.keyPrefix, "limiter", identity);
    const id = `${this.#instance}:${randomUUID()}`;
    const started = performance.now();
    const heartbeat = o.maxPollIntervalInMs * 4;
    const limits = options.limits ?? this.limits;
    let blockedBy: "paused" | "window" | "concurrency" = "concurrency";
    let availableAt: number | undefined;
    // Set while this caller sleeps: the heartbeat wakes it to poll on its own when a beat failed.
    let wake: (() => void) | undefined;
    const nudge = (): void => wake?.();
    for (;;) {
      if (signal?.aborted) return this.#leave(keys, id, limits, signal.reason);
      const now = o.clock();
      if (deadline !== undefined && now >= deadline) return this.#leave(keys, id, limits, new LimiterWaitTimeoutError(identity, blockedBy, availableAt));
      let attempt: CallOutcome;
      try {
        attempt = await this.#call(signal, () =>
          this.#commands.bctsLimiterAcquire(...keys.all, this.#wakePrefix, id, limits.maxConcurrency, limits.maxRequestsPerWindow, limits.windowInMs, o.leaseTtlInMs, heartbeat, options.retrying ? 1 : 0),
        );
      } catch (error) {
        if (signal?.aborted) return this.#leave(keys, id, limits, error);
        this.#heartbeat.leave(keys, id);
        throw error;
      }
      if (!attempt.ok) {
        this.#heartbeat.leave(keys, id);
        if (!o.fallback) throw new RedisUnavailableError("limiter acquire", identity, attempt.error);
        this.#warnOutage(identity, attempt.error);
        return o.fallback.acquire(identity, options);
      }
      const reply = attempt.value as [number, string, number, number];
      if (reply[0] === 1) return this.#lease(keys, id, limits, Math.round(performance.now() - started), reply[1] === "probe");
      const reason = reply[1];
      blockedBy = reason === "paused" || reason === "window" ? reason : "concurrency";
      availableAt = reason === "paused" || reason === "window" ? now + reply[2] : undefined;
      // A pause or a used-up window that outlasts the deadline: refuse now rather than wait in vain.
      if (deadline !== undefined && availableAt !== undefined && availableAt > deadline) return this.#leave(keys, id, limits, new LimiterWaitTimeoutError(identity, blockedBy, availableAt));
      this.#heartbeat.join(keys, limits, id, nudge);
      // Waiting for a busy slot: a release hands it over (the release script moves this waiter into
      // the leases and tells this process), so the sleep is only a backstop; the heartbeat keeps the
      // place in the queue. A pause or a used-up window ends at a known time: poll then.
      const busy = reason === "concurrency" || reason === "queue";
      const sleep = (busy ? o.leaseTtlInMs : Math.min(reply[2] || o.maxPollIntervalInMs, o.maxPollIntervalInMs)) * (0.5 + o.random() * 0.5);
      const untilDeadline = deadline === undefined ? Infinity : Math.max(0, deadline - o.clock());
      // Handed over: admitted without another round trip.
      let handedOver = false;
      await pause(Math.min(sleep, untilDeadline), signal, (w) => {
        wake = w;
        const unlisten = this.#hub.listen(id, () => ((handedOver = true), w()));
        return () => ((wake = undefined), unlisten());
      }).catch(() => undefined);
      if (handedOver && !signal?.aborted) return this.#lease(keys, id, limits, Math.round(performance.now() - started), false);
    }
  }

  async pause(identity: string, request: LimiterPause): Promise<void> {
    const keys = identityKeys(this.#o.keyPrefix, "limiter", identity);
    const attempt = await this.#call(undefined, () => this.#commands.bctsLimiterPause(...keys.all, this.#wakePrefix, Math.max(0, Math.round(request.delayInMs))));
    if (attempt.ok) return;
    if (!this.#o.fallback) throw new RedisUnavailableError(`limiter pause (${request.reason})`, identity, attempt.error);
    this.#warnOutage(identity, attempt.error);
    await this.#o.fallback.pause(identity, request);
  }

  async snapshot(identity: string): Promise<LimiterSnapshot> {
    const keys = identityKeys(this.#o.keyPrefix, "limiter", identity);
    const attempt = await this.#call(undefined, () => this.#commands.bctsLimiterSnapshot(...keys.all, this.#wakePrefix, this.limits.windowInMs));
    if (!attempt.ok) {
      if (this.#o.fallback) return this.#o.fallback.snapshot(identity);
      throw new RedisUnavailableError("limiter snapshot", identity, attempt.error);
    }
    const [inFlight, queued, windowUsed, pausedUntil] = attempt.value as number[];
    return { inFlight: inFlight ?? 0, queued: queued ?? 0, windowUsed: windowUsed ?? 0, pausedUntil: pausedUntil ?? 0 };
  }

  /** Closes the limiter's pub/sub connection (not the connection passed in) and stops its heartbeat. */
  close(): Promise<void> {
    this.#heartbeat.close();
    return this.#hub.close();
  }

  #lease(keys: IdentityKeys, id: string, limits: IdentityLimits, waitedInMs: number, probe: boolean): LimiterLease {
    this.#heartbeat.leave(keys, id);
    this.#hub.forget(id);
    let released = false;
    const renew = setInterval(() => {
      this.#commands.bctsLimiterRenew(...keys.all, this.#wakePrefix, id, this.#o.leaseTtlInMs).catch(() => undefined); // a missed renewal only shortens the lease
    }, Math.max(50, Math.floor(this.#o.leaseTtlInMs / 3)));
    renew.unref();
    return {
      waitedInMs,
      probe,
      release: async () => {
        if (released) return;
        released = true;
        clearInterval(renew);
        try {
          await this.#release(keys, id, limits);
        } catch (error) {
          if (!isConnectionError(error)) throw error;
          // The lease expires on its own after leaseTtlInMs; nothing else to do.
          this.#o.onWarning(`@bcts/redis: could not release a lease (Redis unavailable: ${(error as Error).message}); the slot comes back after ${this.#o.leaseTtlInMs} ms.`);
        }
      },
    };
  }

  /** Gives the slot (or queue place) back and hands free slots to the next waiters. */
  async #release(keys: IdentityKeys, id: string, limits: IdentityLimits): Promise<void> {
    const handed = (await this.#commands.bctsLimiterRelease(...keys.all, this.#wakePrefix, id, limits.maxConcurrency, limits.maxRequestsPerWindow, limits.windowInMs, this.#o.leaseTtlInMs, this.#instance, this.#o.maxOvertakeInMs)) as string[];
    // Slots handed to this process's own waiters: no pub/sub round trip needed.
    for (const waiter of handed ?? []) this.#hub.deliver(waiter);
  }

  async #leave(keys: IdentityKeys, id: string, limits: IdentityLimits, reason: unknown): Promise<never> {
    // Before the release is sent: a later beat must not put this waiter back in line.
    this.#heartbeat.leave(keys, id);
    this.#hub.forget(id);
    // Also gives back a slot a release may have handed us in the meantime.
    await this.#release(keys, id, limits).catch(() => undefined);
    throw reason;
  }

  /**
   * Runs one Redis command, retrying connection errors (not connected yet, restarting) with jittered
   * sleeps until the outage has lasted `unavailableGraceInMs`. The outage clock is shared by all
   * calls of this limiter, so once Redis is known to be down, calls fail (or fall back) at once.
   */
  async #call(signal: AbortSignal | undefined, command: () => Promise<unknown>): Promise<CallOutcome> {
    for (;;) {
      try {
        const value = await command();
        this.#outageSince = undefined;
        this.#warnedOutage = false;
        return { ok: true, value };
      } catch (error) {
        if (!isConnectionError(error)) throw error;
        const now = performance.now();
        this.#outageSince ??= now;
        if (now - this.#outageSince >= this.#o.unavailableGraceInMs) return { ok: false, error };
        await pause(50 + this.#o.random() * 100, signal);
      }
    }
  }

  #warnOutage(identity: string, error: unknown): void {
    if (this.#warnedOutage) return;
    this.#warnedOutage = true;
    this.#o.onWarning(`@bcts/redis: Redis is unavailable (${(error as Error).message}); identity ${identity} continues with local limits — several workers may together exceed Business Central's limits until Redis is back.`);
  }
}
