/**
 * Redis could not be reached (refused, closed, restarting, timed out) for longer than the
 * configured grace period. With the default policy (`onUnavailable: "fail"`) the limiter stops
 * admitting requests rather than letting N workers exceed Business Central's limits unseen.
 *
 * @example
 * catch (e) { if (e instanceof RedisUnavailableError) logger.error(e.message); }
 * // "Redis is unavailable for limiter acquire (identity …): connect ECONNREFUSED 127.0.0.1:6390. Check …"
 */
export class RedisUnavailableError extends Error {
  override readonly name = "RedisUnavailableError";
  /** What was being done: "limiter acquire", "token cache get", … */
  readonly operation: string;
  readonly identity: string | undefined;
  readonly remedy: string;
  readonly retryable = true;

  constructor(operation: string, identity: string | undefined, cause: unknown) {
    const remedy = operation.startsWith("limiter")
      ? "Check that Redis is running and reachable (REDIS_URL), or pass `fallback` to the limiter to continue with local limits while Redis is down."
      : "Check that Redis is running and reachable (REDIS_URL), or set `onUnavailable: \"fetch\"` on the token cache to request tokens directly while Redis is down.";
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Redis is unavailable for ${operation}${identity === undefined ? "" : ` (identity ${identity})`}: ${reason}. ${remedy}`, { cause });
    this.operation = operation;
    this.identity = identity;
    this.remedy = remedy;
  }
}

/** Whether an ioredis error means "Redis is not there right now" rather than a bug in a command. */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // ReplyError = Redis answered; only LOADING/BUSY/TRYAGAIN/CLUSTERDOWN/MASTERDOWN replies mean "not ready".
  if (error.name === "ReplyError") return /^(LOADING|BUSY|TRYAGAIN|CLUSTERDOWN|MASTERDOWN)\b/.test(error.message);
  return true;
}
