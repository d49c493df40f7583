// TEMPORARY bridge until @bcts/odata exports the limiter interface (engineer A2's work in
// packages/odata/src/limits): the same shapes, structurally identical to request-limiter.ts.
export interface IdentityLimits {
  readonly maxConcurrency: number;
  readonly maxRequestsPerWindow: number;
  readonly windowInMs: number;
}
export const BUSINESS_CENTRAL_ONLINE_LIMITS: IdentityLimits = { maxConcurrency: 5, maxRequestsPerWindow: 6_000, windowInMs: 300_000 };
export interface LimiterAcquireOptions {
  readonly abortSignal?: AbortSignal;
  readonly deadline?: number;
  readonly limits?: IdentityLimits;
  readonly retrying?: boolean;
}
export interface LimiterLease {
  readonly waitedInMs: number;
  readonly probe?: boolean;
  release(): Promise<void>;
}
export interface LimiterPause {
  readonly delayInMs: number;
  readonly reason: string;
}
export interface LimiterSnapshot {
  readonly inFlight: number;
  readonly queued: number;
  readonly windowUsed: number;
  readonly pausedUntil: number;
}
export interface RequestLimiter {
  acquire(identity: string, options: LimiterAcquireOptions): Promise<LimiterLease>;
  pause(identity: string, pause: LimiterPause): Promise<void>;
  snapshot(identity: string): Promise<LimiterSnapshot>;
}
/** `identityKey` of request-limiter.ts: authority origin, tenant and client id, lower-cased, joined with `|`. */
export function identityKey(identity: { readonly authority?: string; readonly tenantId?: string; readonly clientId?: string }): string {
  let host = identity.authority ?? "";
  try {
    host = identity.authority === undefined ? "" : new URL(identity.authority).origin;
  } catch {
    // not a URL: used as given
  }
  return [host, identity.tenantId ?? "", identity.clientId ?? ""].map((part) => part.trim().toLowerCase()).join("|");
}
