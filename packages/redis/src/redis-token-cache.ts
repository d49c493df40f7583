import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { SharedTokenCache, SharedTokenEntry, SharedTokenLock } from "@bcts/auth";
import { tokenKeys } from "./identity-keys.js";
import { isConnectionError, RedisUnavailableError } from "./redis-unavailable-error.js";
import { encryptionKeyOf, open, seal } from "./token-encryption.js";

export interface RedisTokenCacheOptions {
  /** A connection this cache may use (see `createRedisConnection`); the caller closes it. */
  readonly redis: Redis;
  /** Prefix of every key. Default "bcts:". */
  readonly keyPrefix?: string;
  /**
   * 32 bytes (Buffer or base64) to encrypt cached entries with AES-256-GCM. Without it the access
   * token is stored in plain text — anyone who can read Redis can call Business Central until it expires.
   */
  readonly encryptionKey?: Buffer | string;
  /**
   * Redis unreachable: "fail" (default) — token requests fail with TransientAuthenticationError
   * (cause: RedisUnavailableError) while the provider's in-memory token lasts; "fetch" — each
   * process asks Entra ID itself (more token requests, no outage), with one warning.
   */
  readonly onUnavailable?: "fail" | "fetch";
  /** How long a command keeps retrying while Redis is unreachable (connecting, restarting). Default 2,000. */
  readonly unavailableGraceInMs?: number;
  readonly onWarning?: (message: string) => void;
}

interface RedisTokenCacheCommands {
  bctsTokenUnlock(lockKey: string, owner: string): Promise<number>;
}

const UNLOCK_LUA = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * The shared token cache of @bcts/auth on Redis: one entry per app registration and resource
 * (`sharedTokenCacheKey`: authority + tenant, client id, scopes), expiring with the token, and a
 * refresh lock (SET NX PX, released only by its owner) so one process refreshes for all.
 *
 * @example
 * const sharedCache = new RedisTokenCache({ redis, encryptionKey: process.env.BCTS_TOKEN_KEY });
 * const provider = new ClientSecretProvider({ tenantId, clientId, clientSecret, sharedCache });
 */
export class RedisTokenCache implements SharedTokenCache {
  readonly #redis: Redis & RedisTokenCacheCommands;
  readonly #prefix: string;
  readonly #key: Buffer | undefined;
  readonly #onUnavailable: "fail" | "fetch";
  readonly #warn: (message: string) => void;
  readonly #graceInMs: number;
  #warned = false;
  #outageSince: number | undefined;

  constructor(options: RedisTokenCacheOptions) {
    options.redis.defineCommand("bctsTokenUnlock", { lua: UNLOCK_LUA, numberOfKeys: 1 });
    this.#redis = options.redis as Redis & RedisTokenCacheCommands;
    this.#prefix = options.keyPrefix ?? "bcts:";
    this.#key = options.encryptionKey === undefined ? undefined : encryptionKeyOf(options.encryptionKey);
    this.#onUnavailable = options.onUnavailable ?? "fail";
    this.#graceInMs = options.unavailableGraceInMs ?? 2_000;
    this.#warn = options.onWarning ?? ((message) => process.emitWarning(message, "BctsRedisWarning"));
  }

  async get(cacheKey: string): Promise<SharedTokenEntry | undefined> {
    const { entry } = tokenKeys(this.#prefix, cacheKey);
    const stored = await this.#call("token cache get", cacheKey, () => this.#redis.get(entry), undefined);
    if (stored == null) return undefined;
    const json = this.#key ? open(this.#key, entry, stored) : stored;
    if (json === undefined) return undefined; // sealed with another key (rotation) or not sealed: fetch anew
    try {
      const parsed = JSON.parse(json) as SharedTokenEntry;
      return typeof parsed?.token?.token === "string" && typeof parsed.token.expiresOnTimestamp === "number" && typeof parsed.acquiredAt === "number" ? parsed : undefined;
    } catch {
      return undefined; // an encrypted entry read without the key, or garbage
    }
  }

  async set(cacheKey: string, value: SharedTokenEntry): Promise<void> {
    const { entry } = tokenKeys(this.#prefix, cacheKey);
    // Relative expiry, computed from this process's own clock like the token's expiry was.
    const ttl = Math.floor(value.token.expiresOnTimestamp - Date.now());
    if (ttl < 1_000) return;
    const json = JSON.stringify({ token: value.token, acquiredAt: value.acquiredAt });
    await this.#call("token cache set", cacheKey, () => this.#redis.set(entry, this.#key ? seal(this.#key, entry, json) : json, "PX", ttl), undefined);
  }

  async lock(cacheKey: string, options: { readonly ttlInMs: number }): Promise<SharedTokenLock | undefined> {
    const { lock } = tokenKeys(this.#prefix, cacheKey);
    const owner = randomUUID();
    const taken = await this.#call("token cache lock", cacheKey, () => this.#redis.set(lock, owner, "PX", Math.max(1, Math.round(options.ttlInMs)), "NX"), "OK");
    if (taken !== "OK") return undefined;
    return {
      release: async () => {
        await this.#redis.bctsTokenUnlock(lock, owner).catch(() => undefined); // expires on its own otherwise
      },
    };
  }

  /** Retries connection errors until the outage (shared by all calls) has lasted the grace period; then the policy decides. */
  async #call<T, F>(operation: string, cacheKey: string, command: () => Promise<T>, whenFetching: F): Promise<T | F> {
    for (;;) {
      try {
        const value = await command();
        this.#warned = false;
        this.#outageSince = undefined;
        return value;
      } catch (error) {
        if (!isConnectionError(error)) throw error;
        const now = performance.now();
        this.#outageSince ??= now;
        if (now - this.#outageSince < this.#graceInMs) {
          await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
          continue;
        }
        if (this.#onUnavailable === "fail") throw new RedisUnavailableError(operation, cacheKey, error);
        if (!this.#warned) {
          this.#warned = true;
          this.#warn(`@bcts/redis: Redis is unavailable (${(error as Error).message}); each process requests its own token until it is back.`);
        }
        return whenFetching;
      }
    }
  }
}
