/** Retry settings, resolved once from client options. */
export interface RetryOptions {
  /**
   * Retries after transient failures (408/502/504, network, token service). Default 3. Throttling
   * (429/503) is bounded by `deadlineInMs` instead; 0 disables every retry, throttling included.
   */
  readonly maxRetries: number;
  /** First backoff step. Default 800 ms. */
  readonly retryDelayInMs: number;
  /** Cap for backoff. Default 60 000 ms. Retry-After is never capped: it is honoured up to the deadline. */
  readonly maxRetryDelayInMs: number;
  /**
   * Overall deadline of one operation, from its first attempt: no attempt starts later, and a
   * Retry-After that ends later stops retrying at once. Default 300 000 ms (one BC rate window, long
   * enough for a throttling storm to pass). Infinity for none.
   */
  readonly deadlineInMs: number;
}

export interface RetryInput {
  readonly method: string;
  /** 0 for the first retry decision (after the first attempt). */
  readonly attempt: number;
  /** Retries after transient failures so far — what `maxRetries` bounds; default `attempt` (throttled retries do not count). */
  readonly transientRetries?: number;
  readonly response?: Response;
  readonly error?: unknown;
  readonly now: number;
  /** 0 ≤ random < 1, injected. */
  readonly random: number;
}

export type RetryDecision =
  | { readonly retry: false; readonly reason: string }
  | {
      readonly retry: true;
      readonly delayInMs: number;
      readonly reason: string;
      /** 429/503: the identity pauses for `delayInMs`; bounded by the deadline, not by `maxRetries`. */
      readonly throttled: boolean;
      /** `delayInMs` came from the server's Retry-After. */
      readonly fromRetryAfter: boolean;
    };

const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
/** Connection never established or name not resolved: the server provably did not see the request. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "ECONNRESET_BEFORE_SEND"]);

/**
 * Decides whether one failed attempt is retried, and after how long — kept apart from the loop
 * (`retryPolicy`) so the rules are testable as a table.
 *
 * - 429 and 503 (BC throttling/queue: the request was not processed): every method, as often as the
 *   deadline allows (`attempt` counts throttled attempts here, for the backoff).
 * - 408, 502, 504 and network errors: idempotent methods only, up to `maxRetries`; POST/PATCH only
 *   when the connection was provably never made (ECONNREFUSED, DNS failure).
 * - Errors that say `retryable` (token providers): `false` never (a wrong secret stays wrong), `true`
 *   for every method (no request reached BC).
 * - Delay: Retry-After (seconds or HTTP date) when present, uncapped; else capped exponential backoff with jitter.
 *
 * @example
 * decideRetry({ method: "POST", attempt: 0, response: new Response(null, { status: 504 }), now, random: 0.5 }, options)
 * // { retry: false, reason: "504 on non-idempotent POST: the server may have processed it" }
 */
export function decideRetry(input: RetryInput, options: RetryOptions): RetryDecision {
  const idempotent = IDEMPOTENT.has(input.method);
  if (input.response !== undefined) {
    const status = input.response.status;
    if (status === 429 || status === 503) {
      return options.maxRetries === 0 ? { retry: false, reason: "retries are disabled" } : retryAfter(input, options, `${status} (not processed)`, true);
    }
    if ((input.transientRetries ?? input.attempt) >= options.maxRetries) return { retry: false, reason: `gave up after ${input.attempt} retries` };
    if (status === 408 || status === 502 || status === 504) {
      return idempotent
        ? retryAfter(input, options, `${status} on idempotent ${input.method}`, false)
        : { retry: false, reason: `${status} on non-idempotent ${input.method}: the server may have processed it` };
    }
    return { retry: false, reason: `${status} is not transient` };
  }
  const error = input.error as { name?: string; cause?: { code?: string }; code?: string; retryable?: unknown } | undefined;
  if (error?.name === "AbortError") return { retry: false, reason: "aborted by the caller" };
  if (error?.retryable === false) return { retry: false, reason: `${error.name ?? "error"} is not retryable (configuration or credentials)` };
  if ((input.transientRetries ?? input.attempt) >= options.maxRetries) return { retry: false, reason: `gave up after ${input.attempt} retries` };
  if (error?.retryable === true) return retryAfter(input, options, `${error.name ?? "error"} is retryable`, false);
  const code = error?.cause?.code ?? error?.code;
  if (idempotent || (code !== undefined && NOT_SENT.has(code))) {
    return retryAfter(input, options, `network error ${code ?? error?.name ?? "unknown"}`, false);
  }
  return { retry: false, reason: `network error on non-idempotent ${input.method}: the server may have processed it` };
}

function retryAfter(input: RetryInput, options: RetryOptions, reason: string, throttled: boolean): RetryDecision {
  const fromHeader = retryAfterInMs(input.response, input.now);
  return { retry: true, delayInMs: fromHeader ?? delay(input, options), reason, throttled, fromRetryAfter: fromHeader !== undefined };
}

/**
 * Retry-After in ms (seconds or HTTP date; a date in the past is 0), or undefined when absent or unreadable.
 *
 * @example
 * retryAfterInMs(new Response(null, { status: 429, headers: { "Retry-After": "7" } }), Date.now()) // 7000
 */
export function retryAfterInMs(response: Response | undefined, now: number): number | undefined {
  const header = response?.headers.get("Retry-After");
  if (header == null || header.trim() === "") return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) ? Math.max(ms, 0) : undefined;
}

function delay(input: RetryInput, options: RetryOptions): number {
  const exponential = Math.min(options.maxRetryDelayInMs, options.retryDelayInMs * 2 ** input.attempt);
  return Math.round(exponential * (0.5 + input.random / 2));
}
