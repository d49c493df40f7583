/** Retry settings, resolved once from client options. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 3. */
  readonly maxRetries: number;
  /** First backoff step. Default 800 ms. */
  readonly retryDelayInMs: number;
  /** Cap for backoff and for Retry-After. Default 60 000 ms. */
  readonly maxRetryDelayInMs: number;
}

export interface RetryInput {
  readonly method: string;
  /** 0 for the first retry decision (after the first attempt). */
  readonly attempt: number;
  readonly response?: Response;
  readonly error?: unknown;
  readonly now: number;
  /** 0 ≤ random < 1, injected. */
  readonly random: number;
}

export type RetryDecision = { readonly retry: false; readonly reason: string } | { readonly retry: true; readonly delayInMs: number; readonly reason: string };

const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
/** Connection never established or name not resolved: the server provably did not see the request. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "ECONNRESET_BEFORE_SEND"]);

/**
 * Decides whether one failed attempt is retried, and after how long — kept apart from the loop
 * (`retryPolicy`) so the rules are testable as a table.
 *
 * - 429 and 503 (BC throttling/queue: the request was not processed): every method.
 * - 408, 502, 504 and network errors: idempotent methods only; POST/PATCH only when the connection
 *   was provably never made (ECONNREFUSED, DNS failure).
 * - Delay: Retry-After (seconds or HTTP date) when present, else capped exponential backoff with jitter.
 *
 * @example
 * decideRetry({ method: "POST", attempt: 0, response: new Response(null, { status: 504 }), now, random: 0.5 }, options)
 * // { retry: false, reason: "504 on non-idempotent POST: the server may have processed it" }
 */
export function decideRetry(input: RetryInput, options: RetryOptions): RetryDecision {
  if (input.attempt >= options.maxRetries) return { retry: false, reason: `gave up after ${input.attempt} retries` };
  const idempotent = IDEMPOTENT.has(input.method);
  if (input.response !== undefined) {
    const status = input.response.status;
    if (status === 429 || status === 503) return { retry: true, delayInMs: delay(input, options), reason: `${status} (not processed)` };
    if (status === 408 || status === 502 || status === 504) {
      return idempotent
        ? { retry: true, delayInMs: delay(input, options), reason: `${status} on idempotent ${input.method}` }
        : { retry: false, reason: `${status} on non-idempotent ${input.method}: the server may have processed it` };
    }
    return { retry: false, reason: `${status} is not transient` };
  }
  const error = input.error as { name?: string; cause?: { code?: string }; code?: string } | undefined;
  if (error?.name === "AbortError") return { retry: false, reason: "aborted by the caller" };
  const code = error?.cause?.code ?? error?.code;
  if (idempotent || (code !== undefined && NOT_SENT.has(code))) {
    return { retry: true, delayInMs: delay(input, options), reason: `network error ${code ?? error?.name ?? "unknown"}` };
  }
  return { retry: false, reason: `network error on non-idempotent ${input.method}: the server may have processed it` };
}

function delay(input: RetryInput, options: RetryOptions): number {
  const retryAfter = input.response?.headers.get("Retry-After");
  if (retryAfter != null) {
    const seconds = Number(retryAfter);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - input.now;
    if (Number.isFinite(ms)) return Math.min(Math.max(ms, 0), options.maxRetryDelayInMs);
  }
  const exponential = Math.min(options.maxRetryDelayInMs, options.retryDelayInMs * 2 ** input.attempt);
  return Math.round(exponential * (0.5 + input.random / 2));
}
