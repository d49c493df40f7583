import { classifyNetworkError } from "../errors/classify-network-error.js";
import { createODataError, isBusinessCentralErrorBody } from "../errors/create-odata-error.js";
import type { ODataError } from "../errors/odata-error.js";
import { ODataNetworkError } from "../errors/odata-network-error.js";
import { ODataRequestError, type RequestErrorContext } from "../errors/odata-request-error.js";
import { ODataResponseError } from "../errors/odata-response-error.js";
import { ODataTimeoutError } from "../errors/odata-timeout-error.js";
import type { WriteOutcome } from "../errors/write-outcome.js";
import type { AttemptRecord } from "../pipeline/attempt-record.js";
import { attemptEffect, combineEffects, errorEffect, GENERIC, lastRetryAfterInMs, type AttemptEffect } from "./call-outcome.js";
import type { MalformedBody } from "./read-response-body.js";

/** One call as the executor knows it when it fails. */
export interface CallState {
  readonly method: string;
  readonly url: string;
  readonly clientRequestId: string;
  readonly record: AttemptRecord;
  readonly now: number;
  /** The caller's abort signal. */
  readonly abortSignal: AbortSignal | undefined;
  /** An earlier call of the same PATCH/DELETE (same URL and If-Match) lost its answer. */
  readonly earlierCallUnknown?: boolean | undefined;
}

const EARLIER_MAY_HAVE_APPLIED = "(An earlier attempt of this write lost its answer and may have applied it: this answer may be about that attempt.)";

/** Effects of the attempts before the last one (the retry loop recorded them all). */
function earlier(state: CallState): AttemptEffect[] {
  const effects = state.record.attempts.slice(0, -1).map(attemptEffect);
  return state.earlierCallUnknown === true ? ["unknown", ...effects] : effects;
}

function outcomeOf(state: CallState, last: AttemptEffect): WriteOutcome | undefined {
  return state.method === "GET" ? undefined : combineEffects([...earlier(state), last]);
}

function context(state: CallState, last: AttemptEffect, status: number | undefined, cause: unknown): RequestErrorContext {
  return {
    method: state.method,
    url: state.url,
    status,
    clientRequestId: state.clientRequestId,
    attempts: Math.max(state.record.attempts.length, 1),
    elapsedInMs: Math.max(0, state.now - state.record.startedAt),
    outcome: outcomeOf(state, last),
    cause,
  };
}

/** True when an earlier attempt of a DELETE lost its answer: a final 404 then means "already deleted". */
export function earlierAttemptMayHaveApplied(state: CallState): boolean {
  return earlier(state).includes("unknown");
}

/** The error for an error status: `ODataError` and subclasses, with outcome and attempts. */
export function failedResponseError(state: CallState, response: Response, body: unknown): ODataError {
  // A 5xx without BC's JSON error envelope came from something in between (gateway, proxy): it may have processed.
  const gateway = response.status >= 500 && response.status !== 503 && !isBusinessCentralErrorBody(body);
  const last: AttemptEffect = gateway ? "unknown" : attemptEffect({ kind: "response", status: response.status, retryAfterInMs: undefined });
  const mayHaveApplied = state.method !== "GET" && earlierAttemptMayHaveApplied(state);
  return createODataError({
    status: response.status,
    method: state.method,
    url: state.url,
    headers: response.headers,
    body,
    clientRequestId: state.clientRequestId,
    attempts: Math.max(state.record.attempts.length, 1),
    elapsedInMs: Math.max(0, state.now - state.record.startedAt),
    outcome: outcomeOf(state, last),
    note: mayHaveApplied ? EARLIER_MAY_HAVE_APPLIED : undefined,
    lastRetryAfterInMs: lastRetryAfterInMs(state.record.attempts),
  });
}

/** The error for a 2xx answer whose body is unusable. JSON from BC that cannot be read: applied; another media type (a proxy): unknown. */
export function malformedResponseError(state: CallState, response: Response, malformed: MalformedBody): ODataResponseError {
  const last: AttemptEffect = malformed.reason === "media-type" ? "unknown" : "applied";
  const ctx = context(state, last, response.status, undefined);
  return new ODataResponseError(malformed.reason, malformed.detail, malformed, { ...ctx, correlationId: response.headers.get("ms-correlation-x") ?? undefined });
}

/**
 * The error for a call whose transport threw: the caller's own abort reason unchanged; a timeout, network
 * or unrecognised built-in error as `ODataTimeoutError` / `ODataNetworkError`; any other named error
 * (token provider, limiter) unchanged. `status` is set when the answer's head arrived before the body broke.
 */
export function thrownError(state: CallState, error: unknown, status?: number): unknown {
  if (state.abortSignal?.aborted === true && error === state.abortSignal.reason) return error;
  const last: AttemptEffect = status !== undefined && status < 300 ? "applied" : errorEffect(error);
  if (error instanceof ODataTimeoutError) return new ODataTimeoutError(state.method, state.url, error.timeoutInMs, { ...context(state, last, status, error) });
  if (error instanceof ODataRequestError) {
    // Raised inside the pipeline (e.g. the limiter gave up before sending): add the write's outcome it cannot know.
    if (error.outcome === undefined && state.method !== "GET") Object.assign(error, { outcome: combineEffects([...state.record.attempts.map(attemptEffect), errorEffect(error)]) });
    return error;
  }
  const network = classifyNetworkError(error);
  if (network !== undefined) return new ODataNetworkError(network.kind, network.code, context(state, last, status, error));
  if (error instanceof Error && !GENERIC.has(error.name)) return error;
  return new ODataNetworkError("other", undefined, context(state, last, status, error));
}
