import { Redis, type RedisOptions } from "ioredis";

/**
 * An ioredis connection tuned for the limiter and the token cache: commands fail fast while Redis
 * is unreachable (no offline queue, one retry) so the limiter's own policy — retry for a grace
 * period, then fail closed or fall back — decides; ioredis keeps reconnecting in the background.
 *
 * @example
 * const redis = createRedisConnection("redis://cache.internal:6379/0");
 * // … new RedisRequestLimiter({ redis }) …
 * await redis.quit();
 */
export function createRedisConnection(url: string, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(50 * 2 ** Math.min(attempt, 5), 1_000),
    connectionName: "bcts",
    ...options,
  });
  // Without a listener ioredis prints every reconnect failure; the limiter reports outages itself.
  redis.on("error", () => undefined);
  return redis;
}
