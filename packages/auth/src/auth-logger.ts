import type { AuthenticationError } from "./errors/authentication-error.js";
import type { RefreshOutcome } from "./refreshing-token-cache.js";

/** Why a token request went to the network. */
export type TokenRequestReason = "initial" | "proactive" | "expired" | "forced";

/**
 * What a provider reports. Never carries the token, secret or assertion.
 *
 * @example
 * new ClientSecretProvider({ …, onTokenEvent: (e) => metrics.increment(`bc.token.${e.type}`) })
 */
export type TokenEvent =
  | { readonly type: "token-acquired" | "token-refreshed"; readonly provider: string; readonly tenantId: string | undefined; readonly clientId: string | undefined; readonly reason: TokenRequestReason; readonly expiresOnTimestamp: number; readonly durationInMs: number }
  | { readonly type: "token-failed"; readonly provider: string; readonly tenantId: string | undefined; readonly clientId: string | undefined; readonly reason: TokenRequestReason; readonly error: AuthenticationError; readonly durationInMs: number; readonly background: boolean };

/**
 * A logger hook; every method optional. Messages are redacted before they get here, and contexts hold
 * primitives only (reason, code, aadsts, status, retryable). The same shape as `BctsLogger` in
 * @bcts/odata — structural on purpose (auth imports nothing of ours): one logger object serves both,
 * e.g. `consoleLogger({ level: "info" })` from @bcts/odata (docs/operations.md).
 */
export interface AuthLogger {
  error?(message: string, context?: Readonly<Record<string, unknown>>): void;
  warning?(message: string, context?: Readonly<Record<string, unknown>>): void;
  info?(message: string, context?: Readonly<Record<string, unknown>>): void;
  verbose?(message: string, context?: Readonly<Record<string, unknown>>): void;
}

/** Logs token events at info (acquired) and warning (failed), without token material. */
export function logTokenEvent(logger: AuthLogger | undefined, event: TokenEvent): void {
  if (!logger) return;
  const who = `${event.provider} tenant=${event.tenantId ?? "-"} client=${event.clientId ?? "-"}`;
  if (event.type !== "token-failed") {
    logger.info?.(`${who}: token ${event.type === "token-acquired" ? "acquired" : "refreshed"} (${event.reason}) in ${event.durationInMs} ms, expires ${new Date(event.expiresOnTimestamp).toISOString()}`, { reason: event.reason });
  } else {
    logger.warning?.(`${who}: token request failed (${event.reason}${event.background ? ", background refresh; serving the cached token" : ""}): ${event.error.message}`, {
      reason: event.reason, code: event.error.code, aadsts: event.error.aadsts, status: event.error.status, retryable: event.error.retryable,
    });
  }
}

/** Turns a cache outcome into an event, logs it, and hands it to the observer (whose failures are ignored). */
export function reportTokenOutcome(
  outcome: RefreshOutcome,
  who: { readonly provider: string; readonly tenantId: string | undefined; readonly clientId: string | undefined },
  logger: AuthLogger | undefined,
  onTokenEvent: ((event: TokenEvent) => void) | undefined,
): void {
  const base = { ...who, reason: outcome.reason, durationInMs: outcome.durationInMs };
  const event: TokenEvent = outcome.token
    ? { type: outcome.reason === "initial" ? "token-acquired" : "token-refreshed", ...base, expiresOnTimestamp: outcome.token.expiresOnTimestamp }
    : { type: "token-failed", ...base, error: outcome.error as AuthenticationError, background: outcome.background };
  logTokenEvent(logger, event);
  try {
    onTokenEvent?.(event);
  } catch {
    // A failing observer must not break authentication.
  }
}
