/**
 * When to refresh. Defaults: refresh at the earlier of 10 minutes or half the lifetime before expiry,
 * serving the cached token meanwhile; block callers only in the last minute (or last quarter of a
 * short lifetime); back off 2 s → 60 s (±20 %) after failed background refreshes.
 */
export interface RefreshPolicy {
  readonly refreshBeforeExpiryInMs?: number;
  readonly blockBeforeExpiryInMs?: number;
  readonly initialBackoffInMs?: number;
  readonly maxBackoffInMs?: number;
  /** forceRefresh is ignored while the cached token is younger than this (a BC 401 burst must not hammer Entra). Default 5 s. */
  readonly minForceRefreshIntervalInMs?: number;
}

export interface ResolvedRefreshPolicy {
  readonly refreshBeforeExpiryInMs: number;
  readonly blockBeforeExpiryInMs: number;
  readonly initialBackoffInMs: number;
  readonly maxBackoffInMs: number;
  readonly minForceRefreshIntervalInMs: number;
}

export function resolveRefreshPolicy(policy: RefreshPolicy = {}): ResolvedRefreshPolicy {
  return {
    refreshBeforeExpiryInMs: policy.refreshBeforeExpiryInMs ?? 10 * 60_000,
    blockBeforeExpiryInMs: policy.blockBeforeExpiryInMs ?? 60_000,
    initialBackoffInMs: policy.initialBackoffInMs ?? 2_000,
    maxBackoffInMs: policy.maxBackoffInMs ?? 60_000,
    minForceRefreshIntervalInMs: policy.minForceRefreshIntervalInMs ?? 5_000,
  };
}

/** The two instants of a token's life: from `refreshAt` refresh in the background, from `blockAt` make callers wait. */
export function refreshSchedule(policy: ResolvedRefreshPolicy, acquiredAt: number, expiresOn: number, serverRefreshAt?: number): { refreshAt: number; blockAt: number } {
  const lifetime = Math.max(0, expiresOn - acquiredAt);
  const blockAt = expiresOn - Math.min(policy.blockBeforeExpiryInMs, lifetime / 4);
  const ours = expiresOn - Math.min(policy.refreshBeforeExpiryInMs, lifetime / 2);
  const refreshAt = Math.min(serverRefreshAt ?? ours, ours, blockAt);
  return { refreshAt, blockAt };
}

/** Exponential backoff with ±20 % jitter; `failures` ≥ 1. */
export function backoffDelay(policy: ResolvedRefreshPolicy, failures: number, random: () => number = Math.random): number {
  const base = Math.min(policy.maxBackoffInMs, policy.initialBackoffInMs * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
