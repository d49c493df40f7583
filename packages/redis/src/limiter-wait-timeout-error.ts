// TEMPORARY: same name and constructor as @bcts/odata's LimiterWaitTimeoutError (engineer A2,
// packages/odata/src/limits/limiter-wait-timeout-error.ts); replaced by a re-export once odata exports it.
/**
 * A request of `identity` could not start before its operation's deadline: the identity was paused,
 * its sliding window was used up, or its slots stayed busy. Nothing was sent to Business Central.
 */
export class LimiterWaitTimeoutError extends Error {
  override readonly name = "LimiterWaitTimeoutError";
  readonly identity: string;
  readonly availableAt: number | undefined;
  readonly blockedBy: "paused" | "window" | "concurrency";

  constructor(identity: string, blockedBy: "paused" | "window" | "concurrency", availableAt: number | undefined) {
    super(`A request could not start before its deadline: the identity's ${blockedBy === "paused" ? "requests are paused after Business Central answered 429/503" : blockedBy === "window" ? "request budget for the sliding window is used up" : "concurrency slots stayed busy"}. Raise retry.deadlineInMs, send fewer requests for this app registration, or spread them over time.`);
    this.identity = identity;
    this.blockedBy = blockedBy;
    this.availableAt = availableAt;
  }
}
