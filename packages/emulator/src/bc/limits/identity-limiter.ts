import type { Clock } from "../clock.js";
import { BcError } from "../http/bc-error.js";

/** BC's per-user operational limits (§7); service principals count as users (§1.4, §11.11). */
export interface LimitOptions {
  /** Default true. */
  readonly enabled?: boolean;
  /** Requests processed at once per identity. Default 5. */
  readonly maxConcurrent?: number;
  /** Requests waiting per identity; beyond it → 429. Default 95. */
  readonly maxQueue?: number;
  /** Requests per sliding window per identity; beyond it → 429. Default 6000. */
  readonly maxRequestsPerWindow?: number;
  /** Default 300,000 ms (5 minutes). Measured with the injected clock. */
  readonly windowMs?: number;
  /** How long a request may wait in the queue before 503. Default 480,000 ms (8 minutes), real time. */
  readonly queueTimeoutMs?: number;
  /** `Retry-After` on 429: documented only for 502/503 ([UNK] for 429), so unset by default. */
  readonly retryAfterSeconds?: number;
  /** `Retry-After` on the 503 after a queue timeout. Default 5. */
  readonly serviceUnavailableRetryAfterSeconds?: number;
  /**
   * When the client closes the connection of a running request: false (default) frees its slot at once
   * and skips the work not yet done; true keeps the slot until the work ends. [UNK] which one BC does.
   */
  readonly keepSlotOnDisconnect?: boolean;
}

type Resolved = Required<Omit<LimitOptions, "retryAfterSeconds">> & { retryAfterSeconds: number | undefined };

export function resolveLimitOptions(o: LimitOptions = {}): Resolved {
  return {
    enabled: o.enabled ?? true,
    maxConcurrent: o.maxConcurrent ?? 5,
    maxQueue: o.maxQueue ?? 95,
    maxRequestsPerWindow: o.maxRequestsPerWindow ?? 6000,
    windowMs: o.windowMs ?? 300_000,
    queueTimeoutMs: o.queueTimeoutMs ?? 480_000,
    retryAfterSeconds: o.retryAfterSeconds,
    serviceUnavailableRetryAfterSeconds: o.serviceUnavailableRetryAfterSeconds ?? 5,
    keepSlotOnDisconnect: o.keepSlotOnDisconnect ?? false,
  };
}

interface IdentityState {
  active: number;
  readonly queue: { grant: () => void; timer: NodeJS.Timeout }[];
  readonly arrivals: number[];
}

export interface LimiterStats {
  readonly throttled: number;
  readonly queueTimeouts: number;
  /** Highest number of requests processed at once by any identity since start (or `resetStatistics`). */
  readonly maxObservedConcurrency: number;
  /** The same per identity (`tenantId/appId`). */
  readonly maxInFlightByIdentity: Readonly<Record<string, number>>;
  /** Requests that left (queue or processing) because their client closed the connection. */
  readonly abandoned: number;
}

/** One change of an identity's load: after every admission, release or queue change (the last 100,000 are kept). */
export interface InFlightSample {
  /** Injected clock. */
  readonly at: number;
  readonly identity: string;
  readonly inFlight: number;
  readonly queued: number;
}

const MAX_SAMPLES = 100_000;

/**
 * Admission control per identity (tenant + app id). `acquire` resolves with a release function, or
 * rejects with BcError 429 (rate or queue full) / 503 (waited too long in the queue).
 */
export class IdentityLimiter {
  private options: Resolved;
  private readonly states = new Map<string, IdentityState>();
  private stats = { throttled: 0, queueTimeouts: 0, maxObservedConcurrency: 0, abandoned: 0 };
  private maxByIdentity: Record<string, number> = {};
  private samples: InFlightSample[] = [];

  constructor(options: LimitOptions | undefined, private readonly clock: Clock) {
    this.options = resolveLimitOptions(options);
  }

  configure(options: LimitOptions): void {
    this.options = resolveLimitOptions({ ...this.options, ...options });
  }

  get statistics(): LimiterStats {
    return { ...this.stats, maxInFlightByIdentity: { ...this.maxByIdentity } };
  }

  /** In-flight and queue length over time, per identity — for assertions like "never more than 5 at once". */
  get timeline(): readonly InFlightSample[] {
    return this.samples;
  }

  /** Whether a disconnected request keeps its slot (`keepSlotOnDisconnect`). */
  get keepsSlotOnDisconnect(): boolean {
    return this.options.keepSlotOnDisconnect;
  }

  /** A running request lost its client (counted in `abandoned`). */
  noteAbandoned(): void {
    this.stats.abandoned++;
  }

  /** Forgets statistics, the timeline and every identity's window (requests running or queued stay). */
  resetStatistics(): void {
    for (const state of this.states.values()) state.arrivals.length = 0;
    this.stats = { throttled: 0, queueTimeouts: 0, maxObservedConcurrency: 0, abandoned: 0 };
    this.maxByIdentity = {};
    this.samples = [];
  }

  private sample(identity: string, state: IdentityState): void {
    this.samples.push({ at: this.clock.now(), identity, inFlight: state.active, queued: state.queue.length });
    if (this.samples.length > MAX_SAMPLES) this.samples.splice(0, this.samples.length - MAX_SAMPLES);
  }

  private tooMany(message: string): BcError {
    this.stats.throttled++;
    const retry = this.options.retryAfterSeconds;
    return new BcError(429, "TooManyRequests", message, retry === undefined ? {} : { "retry-after": String(retry) });
  }

  /**
   * `abortSignal`: the client's connection; when it closes, a queued request leaves the queue and a
   * running one gives its slot back ([UNK] whether BC cancels work on disconnect — configurable in
   * `bc-server` through `keepSlotOnDisconnect`). `onDequeued`: called when a queued request gets its slot.
   */
  async acquire(identity: string, abortSignal?: AbortSignal, onDequeued?: () => void): Promise<() => void> {
    const o = this.options;
    if (!o.enabled) return () => undefined;
    let state = this.states.get(identity);
    if (!state) this.states.set(identity, (state = { active: 0, queue: [], arrivals: [] }));
    const now = this.clock.now();
    while (state.arrivals.length > 0 && state.arrivals[0]! <= now - o.windowMs) state.arrivals.shift();
    if (state.arrivals.length >= o.maxRequestsPerWindow) {
      throw this.tooMany(`Too many requests reached. Actual (${state.arrivals.length + 1}). Maximum (${o.maxRequestsPerWindow}).`);
    }
    const s = state;
    const release = (): void => {
      s.active--;
      const next = s.queue.shift();
      if (next) {
        clearTimeout(next.timer);
        next.grant();
      } else this.sample(identity, s);
    };
    const take = (): (() => void) => {
      s.active++;
      this.stats.maxObservedConcurrency = Math.max(this.stats.maxObservedConcurrency, s.active);
      this.maxByIdentity[identity] = Math.max(this.maxByIdentity[identity] ?? 0, s.active);
      this.sample(identity, s);
      let released = false;
      return () => {
        if (!released) {
          released = true;
          release();
        }
      };
    };
    if (s.active < o.maxConcurrent) {
      s.arrivals.push(now);
      return take();
    }
    if (s.queue.length >= o.maxQueue) throw this.tooMany(`The request queue is full. Maximum (${o.maxQueue}) queued requests.`);
    s.arrivals.push(now);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const i = s.queue.indexOf(entry);
        if (i < 0) return;
        s.queue.splice(i, 1);
        clearTimeout(entry.timer);
        this.stats.abandoned++;
        this.sample(identity, s);
        reject(new BcError(499, "ClientClosedRequest", "The client closed the connection while the request was queued."));
      };
      const entry = {
        grant: () => {
          abortSignal?.removeEventListener("abort", onAbort);
          onDequeued?.();
          resolve(take());
        },
        timer: setTimeout(() => {
          abortSignal?.removeEventListener("abort", onAbort);
          const i = s.queue.indexOf(entry);
          if (i >= 0) s.queue.splice(i, 1);
          this.stats.queueTimeouts++;
          reject(new BcError(503, "ServiceUnavailable", "Service Temporarily Unavailable. The request waited too long in the queue.", { "retry-after": String(o.serviceUnavailableRetryAfterSeconds) }));
        }, o.queueTimeoutMs),
      };
      s.queue.push(entry);
      this.sample(identity, s);
      abortSignal?.addEventListener("abort", onAbort, { once: true });
    });
  }
}
