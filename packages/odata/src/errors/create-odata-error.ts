import { ODataConcurrencyError } from "./odata-concurrency-error.js";
import { ODataError, type ODataErrorContext } from "./odata-error.js";
import { ODataThrottledError } from "./odata-throttled-error.js";
import { authRemedy } from "./auth-remedy.js";
import type { WriteOutcome } from "./write-outcome.js";

const CORRELATION = /\s*CorrelationId:\s*([0-9a-fA-F-]{36})\.?\s*$/;

/** A failed response, already read, and what the executor knows about the call. */
export interface FailedResponse {
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly body: unknown;
  readonly clientRequestId?: string | undefined;
  readonly attempts?: number | undefined;
  readonly elapsedInMs?: number | undefined;
  readonly outcome?: WriteOutcome | undefined;
  readonly note?: string | undefined;
  /** The last Retry-After BC sent during the call (429/503). */
  readonly lastRetryAfterInMs?: number | undefined;
}

/**
 * Builds the typed error for a failed response from its (already read) body: BC's JSON
 * `{"error":{"code","message"}}`, the OData XML `<error><code/><message/></error>`, or anything else.
 * 409 `Request_EntityChanged`/412 → `ODataConcurrencyError`; 429/503 → `ODataThrottledError`;
 * 401/403 → `ODataError` whose `remedy` says how to register or authorize the app.
 *
 * @example
 * createODataError({ status: 409, body: { error: { code: "Request_EntityChanged", message: "Another user has already changed the record.  CorrelationId:  4d5c…." } }, … })
 * // ODataConcurrencyError { code: "Request_EntityChanged", correlationId: "4d5c…" }
 */
export function createODataError(input: FailedResponse): ODataError {
  const { code, message } = readCodeAndMessage(input.body, input.status);
  const match = CORRELATION.exec(message);
  const context: ODataErrorContext = {
    status: input.status,
    code,
    message: match ? message.slice(0, match.index) : message,
    correlationId: match?.[1] ?? input.headers.get("ms-correlation-x") ?? input.headers.get("x-ms-correlation-id") ?? undefined,
    requestId: input.headers.get("request-id") ?? input.headers.get("x-ms-request-id") ?? input.clientRequestId,
    method: input.method,
    url: input.url,
    headers: input.headers,
    body: input.body,
    clientRequestId: input.clientRequestId,
    attempts: input.attempts,
    elapsedInMs: input.elapsedInMs,
    outcome: input.outcome,
    note: input.note,
  };
  if ((input.status === 409 && code === "Request_EntityChanged") || input.status === 412) return new ODataConcurrencyError(context);
  if (input.status === 429 || input.status === 503) return new ODataThrottledError({ ...context, lastRetryAfterInMs: input.lastRetryAfterInMs });
  return new ODataError(context, authRemedy(input.status, code) || gatewayRemedy(input.status));
}

/** True when `body` is Business Central's JSON error envelope `{"error":{"code","message"}}`. */
export function isBusinessCentralErrorBody(body: unknown): boolean {
  if (body === null || typeof body !== "object") return false;
  const error = (body as { error?: unknown }).error;
  return error !== null && typeof error === "object" && typeof (error as { code?: unknown }).code === "string";
}

function readCodeAndMessage(body: unknown, status: number): { code: string; message: string } {
  if (body !== null && typeof body === "object") {
    const error = (body as { error?: unknown }).error;
    if (error !== null && typeof error === "object") {
      const { code, message } = error as { code?: unknown; message?: unknown };
      return { code: typeof code === "string" ? code : "", message: typeof message === "string" ? message : "" };
    }
    const legacy = (body as { message?: unknown }).message;
    return { code: "", message: typeof legacy === "string" ? legacy : JSON.stringify(body) };
  }
  if (typeof body === "string") {
    const trimmed = body.trim();
    if (trimmed.startsWith("{")) {
      try {
        return readCodeAndMessage(JSON.parse(trimmed), status);
      } catch {
        // not JSON after all; fall through to text
      }
    }
    if (trimmed.startsWith("<")) {
      const title = /<(?:title|h1)[^>]*>([\s\S]*?)<\/(?:title|h1)>/i.exec(trimmed)?.[1]?.trim();
      return {
        code: decodeXml(/<(?:\w+:)?code>([\s\S]*?)<\/(?:\w+:)?code>/.exec(trimmed)?.[1] ?? ""),
        message: decodeXml(/<(?:\w+:)?message[^>]*>([\s\S]*?)<\/(?:\w+:)?message>/.exec(trimmed)?.[1] ?? "") || (title ? `${decodeXml(title)} (an HTML page, not Business Central's JSON error)` : trimmed.slice(0, 200)),
      };
    }
    return { code: "", message: trimmed.slice(0, 500) };
  }
  return { code: "", message: `HTTP ${status}` };
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e] ?? "");
}

/** 408 is BC's operation timeout (8 min); 502/504 come from the gateway in front of BC (504 after 10 min). */
function gatewayRemedy(status: number): string {
  return status === 408 || status === 502 || status === 504
    ? "The request took too long or a gateway failed: make it smaller (fewer rows per page, fewer operations per batch) and try again; a write may have been applied (see outcome)."
    : "";
}
