/**
 * What happened to one call's attempts, shared between the retry loop (which writes it) and the
 * request executor (which turns it into the error or outcome the caller sees).
 *
 * The executor opens a record under the call's `client-request-id` before sending; every policy can
 * find it from the `Request` it handles (`attemptRecordOf(request)`), because openapi-fetch builds
 * the `Request` itself and no other channel reaches the pipeline. Retries keep the header.
 */
export interface AttemptRecord {
  /** Epoch ms on the client's clock when the call started. */
  readonly startedAt: number;
  /** Epoch ms after which no new attempt starts (the operation's overall deadline); Infinity for none. */
  deadline: number;
  /** One entry per attempt handed to the transport, in order. */
  readonly attempts: AttemptResult[];
}

/** How one attempt ended: an HTTP status (with Retry-After when present) or a thrown error. */
export type AttemptResult =
  | { readonly kind: "response"; readonly status: number; readonly retryAfterInMs: number | undefined }
  | { readonly kind: "error"; readonly error: unknown };

const records = new Map<string, AttemptRecord>();

/** Opens the record of one call; close it when the call settles. */
export function openAttemptRecord(clientRequestId: string, startedAt: number, deadline = Infinity): AttemptRecord {
  const record: AttemptRecord = { startedAt, deadline, attempts: [] };
  records.set(clientRequestId, record);
  return record;
}

export function closeAttemptRecord(clientRequestId: string): void {
  records.delete(clientRequestId);
}

/** The record of the call this request belongs to, if the executor opened one. */
export function attemptRecordOf(request: Request): AttemptRecord | undefined {
  const id = request.headers.get("client-request-id");
  return id === null ? undefined : records.get(id);
}

/**
 * The `AttemptResult` of one attempt: its status and Retry-After (seconds or HTTP date, in ms from `now`),
 * or the error it threw.
 *
 * @example
 * attemptResultOf(new Response(null, { status: 429, headers: { "Retry-After": "7" } }), undefined, Date.now())
 * // { kind: "response", status: 429, retryAfterInMs: 7000 }
 */
export function attemptResultOf(response: Response | undefined, error: unknown, now: number): AttemptResult {
  if (response === undefined) return { kind: "error", error };
  const header = response.headers.get("Retry-After");
  let retryAfterInMs: number | undefined;
  if (header !== null) {
    const seconds = Number(header);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
    retryAfterInMs = Number.isFinite(ms) ? Math.max(ms, 0) : undefined;
  }
  return { kind: "response", status: response.status, retryAfterInMs };
}
