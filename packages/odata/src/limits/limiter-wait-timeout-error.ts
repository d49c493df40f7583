/**
 * A request of `identity` could not start before its operation's deadline: the identity was paused
 * (429/503 with a long Retry-After), its sliding window was used up, or its slots stayed busy.
 * Thrown by `RequestLimiter.acquire`; the retry loop turns it into the caller's throttling error.
 *
 * @example
 * await limiter.acquire(identity, { deadline: Date.now() + 1_000 });
 * // LimiterWaitTimeoutError: … paused until 2026-01-01T00:01:00.000Z (429) …
 */
export class LimiterWaitTimeoutError extends Error {
  override readonly name = "LimiterWaitTimeoutError";
  readonly identity: string;
  /** Epoch ms the wait would have needed to last until, when known (pause end or window slot); else undefined. */
  readonly availableAt: number | undefined;
  /** What held the request: "paused", "window" or "concurrency". */
  readonly blockedBy: "paused" | "window" | "concurrency";

  constructor(identity: string, blockedBy: "paused" | "window" | "concurrency", availableAt: number | undefined) {
    const until = availableAt === undefined ? "" : ` (free again at ${new Date(availableAt).toISOString()})`;
    super(
      `A request could not start before its deadline: the identity's ${describe(blockedBy)}${until}. ` +
        "Raise retry.deadlineInMs, send fewer requests for this app registration, or spread them over time.",
    );
    this.identity = identity;
    this.blockedBy = blockedBy;
    this.availableAt = availableAt;
  }
}

function describe(blockedBy: "paused" | "window" | "concurrency"): string {
  switch (blockedBy) {
    case "paused":
      return "requests are paused after Business Central answered 429/503";
    case "window":
      return "request budget for the sliding window is used up";
    case "concurrency":
      return "concurrency slots stayed busy";
  }
}
