import { classifyNetworkError } from "../errors/classify-network-error.js";
import { ODataRequestError } from "../errors/odata-request-error.js";
import { ODataThrottledError } from "../errors/odata-throttled-error.js";
import { ODataTimeoutError } from "../errors/odata-timeout-error.js";
import type { WriteOutcome } from "../errors/write-outcome.js";
import type { AttemptResult } from "../pipeline/attempt-record.js";

/** What one attempt did on the server, as far as the client can tell. */
export type AttemptEffect = "applied" | "not-applied" | "unknown";

/**
 * - 2xx: applied. 408 (BC's operation timeout) and 502/504 (a gateway gave up waiting): unknown.
 *   Every other error status is BC refusing the request: not applied.
 * - A thrown error: not applied when no connection was made (refused, DNS, TLS, connect timeout) or the
 *   call failed before the wire (token, limiter); unknown once the request may have gone out (reset,
 *   timeout, abort, anything unrecognised).
 *
 * @example
 * attemptEffect({ kind: "response", status: 504, retryAfterInMs: undefined }) // "unknown"
 */
export function attemptEffect(result: AttemptResult): AttemptEffect {
  if (result.kind === "response") {
    if (result.status < 300) return "applied";
    return result.status === 408 || result.status === 502 || result.status === 504 ? "unknown" : "not-applied";
  }
  return errorEffect(result.error);
}

export function errorEffect(error: unknown): AttemptEffect {
  if (error instanceof ODataTimeoutError) return "unknown";
  // A throttled error raised in the pipeline itself (no attempt could start before the deadline) sent nothing.
  if (error instanceof ODataRequestError) return error.outcome ?? (error instanceof ODataThrottledError ? "not-applied" : "unknown");
  const network = classifyNetworkError(error);
  if (network !== undefined) return network.notSent ? "not-applied" : "unknown";
  if (error instanceof Error && !GENERIC.has(error.name)) return error.name === "AbortError" || error.name === "TimeoutError" ? "unknown" : "not-applied";
  return "unknown";
}

/** Names of built-in errors: a transport that throws one says nothing about whether it sent the request. */
export const GENERIC = new Set(["Error", "TypeError", "SyntaxError", "URIError", "RangeError", "ReferenceError"]);

/** The outcome of a failed write from the effects of all its attempts. */
export function combineEffects(effects: readonly AttemptEffect[]): WriteOutcome {
  if (effects.includes("applied")) return "applied";
  return effects.includes("unknown") ? "unknown" : "not-applied";
}

/** The last Retry-After any attempt received. */
export function lastRetryAfterInMs(attempts: readonly AttemptResult[]): number | undefined {
  for (let i = attempts.length - 1; i >= 0; i--) {
    const a = attempts[i]!;
    if (a.kind === "response" && a.retryAfterInMs !== undefined) return a.retryAfterInMs;
  }
  return undefined;
}
