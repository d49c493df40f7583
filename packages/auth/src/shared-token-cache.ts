import { TransientAuthenticationError } from "./errors/authentication-error.js";
import { refreshSchedule, type ResolvedRefreshPolicy } from "./refresh-policy.js";
import type { TokenFetcher } from "./refreshing-token-cache.js";
import type { AccessToken } from "./token-provider.js";

/**
 * A token cache shared by several processes (e.g. `RedisTokenCache` from @bcts/redis), so N workers
 * of one app registration hold one token and refresh it once. The provider keeps its own in-memory
 * cache in front of it; it consults the shared cache only when it would otherwise ask Entra ID.
 *
 * @example
 * new ClientSecretProvider({ tenantId, clientId, clientSecret, sharedCache: new RedisTokenCache({ redis }) });
 */
export interface SharedTokenCache {
  /** The entry under `key`, or undefined when there is none (or it expired). */
  get(key: string): Promise<SharedTokenEntry | undefined>;
  /** Stores `entry` under `key` until the token expires. */
  set(key: string, entry: SharedTokenEntry): Promise<void>;
  /** Tries to take the refresh lock of `key` (expires after `ttlInMs`); undefined when another process holds it. */
  lock(key: string, options: { readonly ttlInMs: number }): Promise<SharedTokenLock | undefined>;
}

export interface SharedTokenEntry {
  readonly token: AccessToken;
  /** Epoch ms when the token was requested (its refresh schedule is computed from it). */
  readonly acquiredAt: number;
}

export interface SharedTokenLock {
  release(): Promise<void>;
}

/**
 * The shared-cache key of one app registration and resource: authority (host + tenant), client id
 * and scopes, lower-cased.
 *
 * @example
 * sharedTokenCacheKey("https://login.microsoftonline.com/Contoso.onmicrosoft.com", "0B9C…", ["https://api.businesscentral.dynamics.com/.default"])
 * // "https://login.microsoftonline.com/contoso.onmicrosoft.com|0b9c…|https://api.businesscentral.dynamics.com/.default"
 */
export function sharedTokenCacheKey(authority: string, clientId: string, scopes: readonly string[]): string {
  return [authority.replace(/\/+$/, ""), clientId, [...scopes].sort().join(" ")].join("|").toLowerCase();
}

export interface SharedFetchOptions {
  readonly clock: () => number;
  readonly policy: ResolvedRefreshPolicy;
  /** Lock expiry: a refresher that dies frees the lock after this. Default 30,000 (longer than a token request with retries). */
  readonly lockTtlInMs?: number;
  /** Waiting for another process's refresh longer than this: fetch ourselves. Default 15,000. */
  readonly maxWaitInMs?: number;
  readonly pollInMs?: number;
}

/**
 * Wraps `fetch` so that a token another process obtained is reused, and only the holder of the
 * shared lock asks Entra ID. A shared-cache failure surfaces as TransientAuthenticationError
 * (code "shared_cache_unavailable"); the in-memory cache keeps serving a still-valid token meanwhile.
 */
export function sharedTokenFetcher(cache: SharedTokenCache, key: string, fetch: TokenFetcher, options: SharedFetchOptions): TokenFetcher {
  const { clock, policy } = options;
  const lockTtlInMs = options.lockTtlInMs ?? 30_000;
  const maxWaitInMs = options.maxWaitInMs ?? 15_000;
  const pollInMs = options.pollInMs ?? 100;
  return async (reason) => {
    const started = clock();
    // "forced" (BC answered 401): only a token another process obtained after we were asked will do.
    const usable = (entry: SharedTokenEntry | undefined): entry is SharedTokenEntry => {
      if (!entry || !(entry.token.expiresOnTimestamp > clock() + 1_000)) return false;
      if (reason === "forced") return entry.acquiredAt >= started - policy.minForceRefreshIntervalInMs;
      return clock() < refreshSchedule(policy, entry.acquiredAt, entry.token.expiresOnTimestamp).refreshAt;
    };
    const shared = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
      try {
        return await call();
      } catch (cause) {
        throw new TransientAuthenticationError(`The shared token cache failed (${what}): ${cause instanceof Error ? cause.message : String(cause)}`, { code: "shared_cache_unavailable", remedy: "Check the shared cache (e.g. Redis) or remove the sharedCache option." }, { cause });
      }
    };
    const fetchAndShare = async (): Promise<AccessToken> => {
      const acquiredAt = clock();
      const token = await fetch(reason);
      await shared("set", () => cache.set(key, { token, acquiredAt }));
      return token;
    };
    for (;;) {
      const entry = await shared("get", () => cache.get(key));
      if (usable(entry)) return entry.token;
      const lock = await shared("lock", () => cache.lock(key, { ttlInMs: lockTtlInMs }));
      if (lock) {
        try {
          const again = await shared("get", () => cache.get(key)); // the previous holder may have just finished
          return usable(again) ? again.token : await fetchAndShare();
        } finally {
          await lock.release().catch(() => undefined); // the lock expires on its own
        }
      }
      if (clock() - started >= maxWaitInMs) return fetchAndShare(); // the holder seems stuck
      await new Promise((r) => setTimeout(r, pollInMs * (0.5 + Math.random())));
    }
  };
}
