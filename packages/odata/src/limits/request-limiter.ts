/**
 * The one limiter interface. Business Central's limits belong to the identity — the app registration
 * in a tenant (bc-api-facts §7, §11.11): 5 requests processed at once (more are queued, up to 95,
 * then 429), 6,000 requests per sliding 5 minutes, and 429/503 when either is exceeded. Every client
 * and provider object of one identity shares one limiter state, in this process
 * (`inProcessLimiter`) or across processes (`@bcts/redis`).
 *
 * Identities are opaque strings built by `identityKey()`, e.g.
 * `https://login.microsoftonline.com|72f988bf-…|0b9c1e3d-…` (authority host, tenant, client id, lower-cased).
 *
 * @example
 * const lease = await limiter.acquire(identity, { abortSignal, deadline: Date.now() + 120_000 });
 * try { response = await send(request); } finally { await lease.release(); }
 * if (response.status === 429) await limiter.pause(identity, { delayInMs: 5_000, reason: "429" });
 */
export interface RequestLimiter {
  /**
   * Waits until the identity may send one more request: a free concurrency slot, room in the sliding
   * window, and no identity-wide pause. Rejects with the signal's reason on abort, and with
   * `LimiterWaitTimeoutError` when a pause or the window keeps the request past `deadline` (at once
   * when that is known). Waiting only for a slot behind running requests is not cut by the deadline.
   *
   * The window counts a request from admission until `windowInMs` after its lease was released (BC
   * counts arrivals, which lie in between); after `pause`, one lease at a time is admitted with
   * `probe: true` until a probe is released with no pause since its admission.
   */
  acquire(identity: string, options: LimiterAcquireOptions): Promise<LimiterLease>;
  /**
   * The server answered 429 or 503: no request of the identity starts before `delayInMs` from now
   * (the longest pause wins). Resumed requests are spread out, not released at once.
   */
  pause(identity: string, pause: LimiterPause): Promise<void>;
  /** What the limiter knows about one identity now (telemetry, tests, the bench). */
  snapshot(identity: string): Promise<LimiterSnapshot>;
}

export interface LimiterAcquireOptions {
  readonly abortSignal?: AbortSignal;
  /** Epoch milliseconds after which waiting is pointless (the operation's overall deadline). */
  readonly deadline?: number;
  /**
   * The limits the caller configured for this identity (client option `limits`); the most recent wins.
   * Optional for implementations that are configured elsewhere; absent means BC online defaults.
   */
  readonly limits?: IdentityLimits;
  /**
   * This request repeats one that was throttled: it may go ahead of first attempts, so the request
   * that probes after a pause is the one that has waited longest. A hint; implementations may ignore it.
   */
  readonly retrying?: boolean;
}

/** A held concurrency slot. Release exactly when the response is finished or the connection torn down. */
export interface LimiterLease {
  /** Milliseconds the request waited for its slot (0 when admitted at once). */
  readonly waitedInMs: number;
  /**
   * True when this request is the single probe after an identity-wide pause: the identity stays at one
   * request in flight until it completes without a new pause. Optional; absent means false.
   */
  readonly probe?: boolean;
  /** Gives the slot back; calling it again does nothing. */
  release(): Promise<void>;
}

export interface LimiterPause {
  readonly delayInMs: number;
  /** Why: "429", "503", or a caller's word. Carried into events. */
  readonly reason: string;
}

export interface LimiterSnapshot {
  readonly inFlight: number;
  readonly queued: number;
  /** Requests admitted in the current sliding window. */
  readonly windowUsed: number;
  /** Epoch ms until which the identity is paused; 0 when not paused. */
  readonly pausedUntil: number;
}

/** The limits of one identity (BC online defaults; on-premises settings differ — `ODataV4MaxConcurrentRequests` etc.). */
export interface IdentityLimits {
  /** Requests in flight at once. Default 5. */
  readonly maxConcurrency: number;
  /** Requests per sliding window. Default 6,000. */
  readonly maxRequestsPerWindow: number;
  /** Sliding window length. Default 300,000 ms (5 minutes). */
  readonly windowInMs: number;
}

export const BUSINESS_CENTRAL_ONLINE_LIMITS: IdentityLimits = { maxConcurrency: 5, maxRequestsPerWindow: 6_000, windowInMs: 300_000 };

/**
 * The key of an identity: authority host, tenant and client id, lower-cased and joined with `|`.
 *
 * @example
 * identityKey({ authority: "https://login.microsoftonline.com/Contoso.onmicrosoft.com", tenantId: "Contoso.onmicrosoft.com", clientId: "0B9C…" })
 * // "https://login.microsoftonline.com|contoso.onmicrosoft.com|0b9c…"
 */
export function identityKey(identity: { readonly authority?: string; readonly tenantId?: string; readonly clientId?: string }): string {
  const host = identity.authority === undefined ? "" : safeOrigin(identity.authority);
  return [host, identity.tenantId ?? "", identity.clientId ?? ""].map((part) => part.trim().toLowerCase()).join("|");
}

function safeOrigin(authority: string): string {
  try {
    return new URL(authority).origin;
  } catch {
    return authority;
  }
}
