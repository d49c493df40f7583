import type { PipelineEvent } from "../pipeline/pipeline-event.js";
import { sanitizeUrl } from "../telemetry/sanitize-url.js";
import type { BctsLogger, LogLevel } from "./bcts-logger.js";

/**
 * Everything a bcts log line may contain — an allow-list. Records are built field by field from
 * pipeline events and attempt outcomes, never by copying headers, bodies or error messages, so a
 * token or secret has no way in. URLs pass through `sanitizeUrl`.
 */
export interface LogFields {
  readonly event: "request" | "response" | "transport-error" | PipelineEvent["kind"];
  readonly method: string;
  readonly url: string;
  readonly identity?: string;
  readonly attempt?: number;
  readonly clientRequestId?: string;
  /** Business Central's correlation id (response header), for support cases. */
  readonly correlationId?: string;
  readonly status?: number;
  readonly durationInMs?: number;
  readonly retryAfterInMs?: number;
  readonly delayInMs?: number;
  readonly waitedInMs?: number;
  readonly elapsedInMs?: number;
  readonly reason?: string;
  /** An error's class name (`TypeError`, `ODataTimeoutError`), never its message. */
  readonly errorType?: string;
  readonly throttled?: boolean;
}

export interface LogRecord {
  readonly level: LogLevel;
  readonly message: string;
  readonly fields: LogFields;
}

/**
 * One pipeline event as a log record: throttling and giving up are warnings, pauses and retries info,
 * queueing verbose.
 *
 * @example
 * logRecordOfEvent({ kind: "throttled", status: 429, retryAfterInMs: 5000, method: "GET", url, attempt: 1, … })
 * // { level: "warning", message: "bcts: throttled GET https://…/customers?$filter=REDACTED → 429, Retry-After 5000 ms (attempt 1)", fields: {…} }
 */
export function logRecordOfEvent(event: PipelineEvent): LogRecord {
  const base = { method: event.method, url: sanitizeUrl(event.url), identity: event.identity, attempt: event.attempt, ...(event.clientRequestId ? { clientRequestId: event.clientRequestId } : {}) };
  const what = `${base.method} ${base.url}`;
  switch (event.kind) {
    case "queued":
      return { level: "verbose", message: `bcts: ${what} waited ${event.waitedInMs} ms for its identity's slot${event.probe ? " (probe after a pause)" : ""}`, fields: { ...base, event: "queued", waitedInMs: event.waitedInMs } };
    case "throttled":
      return {
        level: "warning",
        message: `bcts: throttled ${what} → ${event.status}${event.retryAfterInMs !== undefined ? `, Retry-After ${event.retryAfterInMs} ms` : ""} (attempt ${event.attempt})`,
        fields: { ...base, event: "throttled", status: event.status, ...(event.retryAfterInMs !== undefined ? { retryAfterInMs: event.retryAfterInMs } : {}), throttled: true },
      };
    case "paused":
      return { level: "info", message: `bcts: identity paused for ${event.delayInMs} ms (${event.reason})`, fields: { ...base, event: "paused", delayInMs: event.delayInMs, reason: event.reason } };
    case "retry":
      return { level: "info", message: `bcts: retrying ${what} in ${event.delayInMs} ms: ${event.reason}`, fields: { ...base, event: "retry", delayInMs: event.delayInMs, reason: event.reason, throttled: event.throttled } };
    case "gave-up":
      return { level: "warning", message: `bcts: gave up on ${what} after ${event.elapsedInMs} ms and ${event.attempt} attempt(s): ${event.reason}`, fields: { ...base, event: "gave-up", elapsedInMs: event.elapsedInMs, reason: event.reason, throttled: event.throttled } };
  }
}

/** One attempt's end as a log record: verbose for answers below 400, info for other answers, warning for transport errors. */
export function logRecordOfAttempt(attempt: {
  readonly method: string; readonly url: string; readonly identity: string; readonly attempt: number; readonly clientRequestId: string | undefined;
  readonly durationInMs: number; readonly status?: number; readonly correlationId?: string | undefined; readonly errorType?: string;
}): LogRecord {
  const fields: LogFields = {
    event: attempt.status === undefined ? "transport-error" : "response", method: attempt.method, url: sanitizeUrl(attempt.url), identity: attempt.identity, attempt: attempt.attempt,
    durationInMs: attempt.durationInMs, ...(attempt.clientRequestId ? { clientRequestId: attempt.clientRequestId } : {}), ...(attempt.status !== undefined ? { status: attempt.status } : {}),
    ...(attempt.correlationId ? { correlationId: attempt.correlationId } : {}), ...(attempt.errorType ? { errorType: attempt.errorType } : {}),
  };
  const outcome = attempt.status !== undefined ? `${attempt.status}` : `failed (${attempt.errorType ?? "Error"})`;
  const level: LogLevel = attempt.status === undefined ? "warning" : attempt.status < 400 ? "verbose" : "info";
  return { level, message: `bcts: ${fields.method} ${fields.url} → ${outcome} in ${attempt.durationInMs} ms (attempt ${attempt.attempt})`, fields };
}

/** Hands a record to the logger's method for its level; a throwing logger does not break the call. */
export function writeLog(logger: BctsLogger | undefined, record: LogRecord): void {
  const method = logger?.[record.level];
  if (method === undefined) return;
  try {
    method.call(logger, record.message, record.fields as unknown as Readonly<Record<string, string | number | boolean | undefined>>);
  } catch {
    // Observation must not change the outcome of a request.
  }
}
