import { describeOutcome, type WriteOutcome } from "./write-outcome.js";

/** What every error of a call that went (or was about to go) on the wire carries. */
export interface RequestErrorContext {
  readonly method: string;
  /** The URL of the call, without credentials (userinfo and secret-looking query values are removed). */
  readonly url: string;
  /** HTTP status of the last answer, when there was one. */
  readonly status?: number | undefined;
  /** The `client-request-id` header sent with every attempt of the call. */
  readonly clientRequestId?: string | undefined;
  /** Business Central's correlation id (from its error message or `ms-correlation-x`), when present. */
  readonly correlationId?: string | undefined;
  /** Attempts sent (1 without retries). */
  readonly attempts?: number | undefined;
  /** Milliseconds from the start of the call until it failed (client clock). */
  readonly elapsedInMs?: number | undefined;
  /** Writes only: what the failed write did on the server. */
  readonly outcome?: WriteOutcome | undefined;
  readonly cause?: unknown;
}

/**
 * Base of every failure of a request: network, timeout, malformed answer, and Business Central's own
 * error answers (`ODataError`). `catch (e) { if (e instanceof ODataRequestError) … }` covers them all.
 *
 * @example
 * // e.message: "POST https://…/customers: connection reset after the request was sent (ECONNRESET), 1 attempt in 35 ms, client-request-id 9b1…. The write MAY HAVE BEEN APPLIED …"
 */
export class ODataRequestError extends Error {
  override readonly name: string = "ODataRequestError";
  readonly method: string;
  readonly url: string;
  readonly status: number | undefined;
  readonly clientRequestId: string | undefined;
  readonly correlationId: string | undefined;
  readonly attempts: number;
  readonly elapsedInMs: number | undefined;
  /** Writes only: `"not-applied"` (safe to resend), `"unknown"` (look it up first) or `"applied"`. */
  readonly outcome: WriteOutcome | undefined;
  /** What to do about it. */
  readonly remedy: string;

  constructor(summary: string, context: RequestErrorContext, remedy: string) {
    super(composeMessage(summary, context, remedy), context.cause === undefined ? undefined : { cause: context.cause });
    this.method = context.method;
    this.url = redactUrl(context.url);
    this.status = context.status;
    this.clientRequestId = context.clientRequestId;
    this.correlationId = context.correlationId;
    this.attempts = context.attempts ?? 1;
    this.elapsedInMs = context.elapsedInMs;
    this.outcome = context.outcome;
    this.remedy = remedy;
  }
}

function composeMessage(summary: string, context: RequestErrorContext, remedy: string): string {
  const facts: string[] = [];
  if (context.attempts !== undefined && context.attempts > 1) facts.push(`${context.attempts} attempts`);
  if (context.elapsedInMs !== undefined) facts.push(`${context.elapsedInMs} ms`);
  if (context.correlationId !== undefined) facts.push(`correlation id ${context.correlationId}`);
  if (context.clientRequestId !== undefined) facts.push(`client-request-id ${context.clientRequestId}`);
  const parts = [`${context.method} ${redactUrl(context.url)} ${summary.replace(/\.\s*$/, "")}${facts.length ? ` (${facts.join(", ")})` : ""}.`];
  const outcome = describeOutcome(context.outcome);
  if (outcome) parts.push(outcome);
  if (remedy) parts.push(remedy);
  return parts.join(" ");
}

const SECRET_PARAMETER = /^(?:access_token|token|code|sig|signature|secret|client_secret|password|key|api[-_]?key)$/i;

/**
 * The URL with userinfo and secret-looking query values replaced by `***`, so it can go into messages and logs.
 *
 * @example
 * redactUrl("https://u:p@host/x?sig=abc&$top=1") // "https://host/x?sig=***&$top=1"
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  // forEach rather than keys(): the runtime compiles without lib.dom.iterable (consumers' tsconfigs vary).
  let secretParameter = false;
  parsed.searchParams.forEach((_, name) => (secretParameter ||= SECRET_PARAMETER.test(name)));
  if (parsed.username === "" && parsed.password === "" && !secretParameter) return url;
  parsed.username = "";
  parsed.password = "";
  const query = url.includes("?") ? url.slice(url.indexOf("?") + 1).split("#")[0]! : "";
  const redacted = query
    .split("&")
    .map((pair) => {
      const name = safeDecode(pair.split("=")[0] ?? "");
      return SECRET_PARAMETER.test(name) ? `${pair.split("=")[0]}=***` : pair;
    })
    .join("&");
  return `${parsed.origin}${parsed.pathname}${redacted ? `?${redacted}` : ""}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
