import { unrefTimer } from "../pipeline/unref-timer.js";
import { LimiterWaitTimeoutError } from "./limiter-wait-timeout-error.js";
import {
  BUSINESS_CENTRAL_ONLINE_LIMITS,
  type IdentityLimits,
  type LimiterAcquireOptions,
  type LimiterLease,
  type LimiterPause,
  type LimiterSnapshot,
  type RequestLimiter,
} from "./request-limiter.js";

/** Clock and waiting of the limiter; inject them to test pauses without real waiting. */
export interface LimiterEnvironment {
  readonly now: () => number;
  /** Resolves after `ms`; rejects with the signal's reason when it aborts. */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

interface Waiter {
  readonly retrying: boolean;
  readonly enqueuedAt: number;
  readonly deadline: number;
  readonly admit: (lease: LimiterLease) => void;
  readonly fail: (error: unknown) => void;
}

interface IdentityState {
  readonly identity: string;
  limits: IdentityLimits;
  active: number;
  readonly queue: Waiter[];
  /**
   * Window entries of finished requests, stamped when they finished (oldest first). BC counts a request
   * when it ARRIVES, which lies between our admission and the response: stamping at the finish and
   * counting running requests as `unfinished` means every request BC counts in any window is counted
   * in ours too — no margin to guess, however late the request reached BC.
   */
  readonly admissions: number[];
  /** Admitted requests not yet finished: always inside the window. */
  unfinished: number;
  pausedUntil: number;
  /** Bumped by every pause that extends `pausedUntil`; a probe that completes in the same generation ends probing. */
  generation: number;
  pauseTimer: AbortController | undefined;
  windowTimer: AbortController | undefined;
  /** After a pause: one request at a time until one completes without a new pause. */
  probing: boolean;
}

/**
 * `RequestLimiter` for one process: per identity a FIFO of waiting requests, at most
 * `maxConcurrency` in flight, at most `maxRequestsPerWindow` admitted per sliding `windowInMs`,
 * and identity-wide pauses after 429/503. After a pause the identity admits ONE request (the probe);
 * only when it completes without a new 429/503 do the others follow — no stampede into a storm.
 * Throttled requests that retry (`retrying: true`) queue ahead of first attempts.
 *
 * Deadlines bound what throttling costs: a request is refused (`LimiterWaitTimeoutError`) when a pause
 * or the window keeps it past its deadline — at once when that is known, else when the deadline comes.
 * Waiting for a slot behind the identity's own running requests is not refused: they finish (each
 * bounded by its timeout), and bulk work queued in the client must not fail because it is bulk.
 *
 * @example
 * const limiter = new InProcessLimiter();              // what clients share by default (`defaultRequestLimiter`)
 * createODataClient(apiV2_0, { tenantId, credential, limiter, limits: { maxRequestsPerWindow: 600, windowInMs: 60_000 } });
 */
export class InProcessLimiter implements RequestLimiter {
  readonly #states = new Map<string, IdentityState>();
  readonly #env: LimiterEnvironment;
  readonly #defaults: IdentityLimits;

  constructor(options: { readonly limits?: Partial<IdentityLimits>; readonly now?: () => number; readonly sleep?: LimiterEnvironment["sleep"] } = {}) {
    this.#env = { now: options.now ?? Date.now, sleep: options.sleep ?? realSleep };
    this.#defaults = validLimits({ ...BUSINESS_CENTRAL_ONLINE_LIMITS, ...options.limits });
  }

  acquire(identity: string, options: LimiterAcquireOptions = {}): Promise<LimiterLease> {
    const s = this.#state(identity);
    if (options.limits !== undefined && options.limits !== s.limits) s.limits = validLimits(options.limits);
    options.abortSignal?.throwIfAborted();
    const now = this.#env.now();
    const deadline = options.deadline ?? Infinity;
    if (s.pausedUntil > deadline) return Promise.reject(new LimiterWaitTimeoutError(identity, "paused", s.pausedUntil));
    // Nobody waiting and a slot free: admit now, without the timer and abort listener of a waiter
    // (what the pump would do at once anyway; measured ~5 µs per request).
    if (s.queue.length === 0 && s.pausedUntil === 0 && s.active < (s.probing ? 1 : s.limits.maxConcurrency)) {
      this.#evict(s, now);
      if (s.admissions.length + s.unfinished < s.limits.maxRequestsPerWindow) return Promise.resolve(this.#admit(s, now, now));
    }
    return new Promise<LimiterLease>((resolve, reject) => {
      const signal = options.abortSignal;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const settle = () => {
        signal?.removeEventListener("abort", onAbort);
        if (timer !== undefined) clearTimeout(timer);
      };
      const waiter: Waiter = {
        retrying: options.retrying === true,
        enqueuedAt: now,
        deadline,
        admit: (lease) => (settle(), resolve(lease)),
        fail: (error) => (settle(), reject(error)),
      };
      const leave = (error: unknown) => {
        const i = s.queue.indexOf(waiter);
        if (i < 0) return;
        s.queue.splice(i, 1);
        waiter.fail(error);
        this.#pump(s);
      };
      const onAbort = () => leave(signal!.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      // A real timer on purpose: an injected `sleep` may not wait at all, and must not expire deadlines.
      if (Number.isFinite(deadline)) {
        timer = setTimeout(() => {
          const blockedBy = this.#blockedBy(s);
          if (blockedBy !== "concurrency") leave(new LimiterWaitTimeoutError(identity, blockedBy, s.pausedUntil || undefined));
        }, Math.max(0, deadline - now));
        unrefTimer(timer);
      }
      // Retries go after earlier retries but ahead of first attempts.
      const at = waiter.retrying ? s.queue.findIndex((w) => !w.retrying) : -1;
      if (at < 0) s.queue.push(waiter);
      else s.queue.splice(at, 0, waiter);
      this.#pump(s);
    });
  }

  async pause(identity: string, pause: LimiterPause): Promise<void> {
    const s = this.#state(identity);
    s.probing = true;
    const until = this.#env.now() + Math.max(0, pause.delayInMs);
    if (until <= s.pausedUntil) return;
    s.pausedUntil = until;
    const generation = ++s.generation;
    s.pauseTimer?.abort();
    const timer = (s.pauseTimer = new AbortController());
    // Waiting requests whose deadline falls inside the pause give up now rather than at the deadline.
    for (const waiter of s.queue.filter((w) => w.deadline < until)) {
      s.queue.splice(s.queue.indexOf(waiter), 1);
      waiter.fail(new LimiterWaitTimeoutError(identity, "paused", until));
    }
    this.#env.sleep(pause.delayInMs, timer.signal).then(
      () => {
        if (s.generation !== generation) return;
        s.pausedUntil = 0;
        s.pauseTimer = undefined;
        this.#pump(s);
      },
      () => undefined,
    );
  }

  async snapshot(identity: string): Promise<LimiterSnapshot> {
    const s = this.#state(identity);
    this.#evict(s, this.#env.now());
    return { inFlight: s.active, queued: s.queue.length, windowUsed: s.admissions.length + s.unfinished, pausedUntil: s.pausedUntil };
  }

  #state(identity: string): IdentityState {
    let s = this.#states.get(identity);
    if (s === undefined) {
      s = { identity, limits: this.#defaults, active: 0, queue: [], admissions: [], unfinished: 0, pausedUntil: 0, generation: 0, pauseTimer: undefined, windowTimer: undefined, probing: false };
      this.#states.set(identity, s);
    }
    return s;
  }

  #pump(s: IdentityState): void {
    while (s.queue.length > 0) {
      if (s.pausedUntil > 0) return;
      const now = this.#env.now();
      const head = s.queue[0]!;
      if (s.active >= (s.probing ? 1 : s.limits.maxConcurrency)) return;
      this.#evict(s, now);
      if (s.admissions.length + s.unfinished >= s.limits.maxRequestsPerWindow) {
        // Only running requests fill the window: the next release (which pumps) stamps one.
        if (s.admissions.length === 0) return;
        const freeAt = s.admissions[0]! + s.limits.windowInMs + 1;
        if (freeAt > head.deadline) {
          s.queue.shift();
          head.fail(new LimiterWaitTimeoutError(s.identity, "window", freeAt));
          continue;
        }
        this.#waitForWindow(s, freeAt - now);
        return;
      }
      s.queue.shift();
      head.admit(this.#admit(s, now, head.enqueuedAt));
    }
  }

  #admit(s: IdentityState, now: number, enqueuedAt: number): LimiterLease {
    s.active++;
    s.unfinished++;
    const probe = s.probing;
    const generation = s.generation;
    let released = false;
    return {
      waitedInMs: now - enqueuedAt,
      probe,
      release: async () => {
        if (released) return;
        released = true;
        s.active--;
        s.unfinished--;
        s.admissions.push(this.#env.now());
        // The probe came back without a new pause: the storm is over, open all slots again.
        if (probe && s.generation === generation && s.pausedUntil === 0) s.probing = false;
        this.#pump(s);
      },
    };
  }

  #waitForWindow(s: IdentityState, ms: number): void {
    if (s.windowTimer !== undefined) return;
    const timer = (s.windowTimer = new AbortController());
    const startedAt = this.#env.now();
    this.#env.sleep(Math.max(0, ms), timer.signal).then(
      () => {
        s.windowTimer = undefined;
        // A clock that did not move at all is an injected one whose sleep does not advance it: the wait
        // itself proves the oldest entry left the window. A real timer may fire a millisecond before the
        // clock reaches the end — then the pump simply waits again, and nothing is admitted early.
        const now = this.#env.now();
        if (!this.#evict(s, now) && now === startedAt) s.admissions.shift();
        this.#pump(s);
      },
      () => undefined,
    );
  }

  /** Drops admissions older than the window; true when any was dropped. */
  #evict(s: IdentityState, now: number): boolean {
    const before = s.admissions.length;
    const oldest = now - s.limits.windowInMs;
    let n = 0;
    while (n < s.admissions.length && s.admissions[n]! <= oldest) n++;
    if (n > 0) s.admissions.splice(0, n);
    return s.admissions.length < before;
  }

  #blockedBy(s: IdentityState): "paused" | "window" | "concurrency" {
    if (s.pausedUntil > 0) return "paused";
    return s.admissions.length + s.unfinished >= s.limits.maxRequestsPerWindow ? "window" : "concurrency";
  }
}

function validLimits(limits: IdentityLimits): IdentityLimits {
  for (const [name, value] of Object.entries(limits)) {
    if (!(Number.isInteger(value) && value >= 1)) throw new RangeError(`limits.${name} must be a positive integer, got ${value}.`);
  }
  return limits;
}

function realSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => (signal.removeEventListener("abort", onAbort), resolve()), ms);
    const onAbort = () => (clearTimeout(timer), reject(signal.reason));
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
