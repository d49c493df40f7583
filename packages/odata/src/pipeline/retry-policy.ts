import { ODataThrottledError } from "../errors/odata-throttled-error.js";
import { LimiterWaitTimeoutError } from "../limits/limiter-wait-timeout-error.js";
import type { IdentityLimits, LimiterLease, RequestLimiter } from "../limits/request-limiter.js";
import { attemptRecordOf, attemptResultOf } from "./attempt-record.js";
import { releaseWhenFinished } from "./lease-bound-response.js";
import { callContextOf } from "./call-context.js";
import { takePrefetchedToken } from "./prefetched-token.js";
import { emitPipelineEvent, type PipelineEvent, type PipelineEventListener } from "./pipeline-event.js";
import type { Policy } from "./policy.js";
import { decideRetry, retryAfterInMs, type RetryOptions } from "./retry-decision.js";
import { unrefTimer } from "./unref-timer.js";

/** Injected clock and randomness, so tests run without real waiting. */
export interface RetryEnvironment {
  readonly now: () => number;
  readonly random: () => number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** The identity's limiter, which every attempt passes through, and where events go. */
export interface RetryLimiting {
  readonly limiter: RequestLimiter;
  readonly identity: string;
  readonly limits?: IdentityLimits;
  readonly onEvent?: PipelineEventListener;
  /**
   * Runs before each attempt takes its slot — the executor fetches the token here (`tokenPrefetch`), so
   * a slow sign-in holds no slot and the window counts requests when they can leave. Its errors are
   * decided like an attempt's (a wrong secret is not retried) but are not attempts: nothing was sent.
   */
  readonly prepare?: (request: Request) => Promise<void>;
}

type EventBody<E = PipelineEvent> = E extends PipelineEvent ? Omit<E, "identity" | "method" | "url" | "clientRequestId" | "attempt" | "at"> : never;

/**
 * The retry loop. Each attempt first takes a slot from the identity's limiter (which also waits out
 * pauses and the sliding window) and holds it until the response body is finished. On 429/503 the
 * whole identity pauses (Retry-After, else backoff with jitter) and the attempt queues again; other
 * failures wait their own backoff (`decideRetry`). No attempt starts after the deadline
 * (`deadlineInMs` from the call's start); a Retry-After that ends later stops at once.
 * The last throttled answer goes back to the caller (the executor turns it into `ODataThrottledError`).
 *
 * @example
 * retryPolicy({ maxRetries: 3, retryDelayInMs: 800, maxRetryDelayInMs: 60_000, deadlineInMs: 300_000 }, { now: Date.now, random: Math.random, sleep },
 *   { limiter: defaultRequestLimiter, identity: identityOf(credential, serviceRoot) })
 */
export function retryPolicy(options: RetryOptions, env: RetryEnvironment, limiting?: RetryLimiting): Policy {
  return async (request, next) => {
    const record = attemptRecordOf(request);
    const startedAt = record?.startedAt ?? env.now();
    const deadline = Math.min(record?.deadline ?? Infinity, startedAt + options.deadlineInMs);
    if (record !== undefined) record.deadline = deadline;
    const clientRequestId = request.headers.get("client-request-id") ?? undefined;
    let attempt = 1;
    const emit = (event: EventBody) =>
      emitPipelineEvent(limiting?.onEvent, { ...event, identity: limiting?.identity ?? "", method: request.method, url: request.url, clientRequestId, attempt, at: env.now() } as PipelineEvent);
    let retries = 0;
    let throttles = 0;
    let lastThrottled: Response | undefined;
    let lastRetryAfterInMs: number | undefined;
    for (; ; attempt++) {
      if (limiting?.prepare !== undefined) {
        try {
          await limiting.prepare(request);
        } catch (e) {
          const decision = decideRetry({ method: request.method, attempt: attempt - 1, transientRetries: retries, error: e, now: env.now(), random: env.random() }, options);
          if (!decision.retry || request.signal.aborted || env.now() + decision.delayInMs > deadline) throw e;
          retries++;
          emit({ kind: "retry", delayInMs: decision.delayInMs, reason: decision.reason, throttled: false });
          await env.sleep(decision.delayInMs, request.signal);
          continue;
        }
      }
      let lease: LimiterLease | undefined;
      if (limiting !== undefined) {
        try {
          // Limiters keep real epoch time (shared across clients and processes); the client's clock may be injected.
          const realDeadline = deadline === Infinity ? Infinity : Date.now() + (deadline - env.now());
          lease = await limiting.limiter.acquire(limiting.identity, { abortSignal: request.signal, deadline: realDeadline, limits: limiting.limits, retrying: throttles > 0 });
        } catch (error) {
          takePrefetchedToken(request); // never sent: drop the token handed over for it
          // By name too: another limiter (e.g. @bcts/redis) may bring its own copy of the class.
          if (!(error instanceof LimiterWaitTimeoutError || (error as { name?: unknown } | null)?.name === "LimiterWaitTimeoutError")) throw error;
          emit({ kind: "gave-up", reason: (error as Error).message, elapsedInMs: env.now() - startedAt, throttled: true });
          if (lastThrottled !== undefined) return lastThrottled;
          throw notSent(request, error as LimiterWaitTimeoutError, { clientRequestId, attempts: attempt - 1, elapsedInMs: env.now() - startedAt, lastRetryAfterInMs, now: env.now() });
        }
        if (lease.waitedInMs > 0 || lease.probe === true) emit({ kind: "queued", waitedInMs: lease.waitedInMs, probe: lease.probe === true });
      }
      // Body-less requests can be sent again as they are; bodies are teed so the next attempt has one.
      const copy = request.body === null ? request : request.clone();
      let response: Response | undefined;
      let error: unknown;
      try {
        response = await next(copy);
      } catch (e) {
        error = e;
      }
      const release = lease === undefined ? undefined : releaseOnce(lease);
      if (lease !== undefined && response === undefined) releaseAfterTeardown(lease);
      record?.attempts.push(attemptResultOf(response, error, env.now()));
      if (response !== undefined && response.status < 400) return handOver(request, response, release);
      const throttled = response !== undefined && (response.status === 429 || response.status === 503);
      const decision = decideRetry({ method: request.method, attempt: attempt - 1, transientRetries: retries, response, error, now: env.now(), random: env.random() }, options);
      if (throttled) {
        const status = response!.status as 429 | 503;
        const fromHeader = retryAfterInMs(response, env.now());
        lastRetryAfterInMs = fromHeader ?? lastRetryAfterInMs;
        const pauseInMs = decision.retry ? decision.delayInMs : (fromHeader ?? Math.round(options.retryDelayInMs * (0.5 + env.random() / 2)));
        emit({ kind: "throttled", status, retryAfterInMs: fromHeader });
        // Pause before the slot is released, so a probe that failed cannot reopen the identity.
        try {
          if (limiting !== undefined) {
            await limiting.limiter.pause(limiting.identity, { delayInMs: pauseInMs, reason: String(status) });
            emit({ kind: "paused", delayInMs: pauseInMs, reason: `${status}${fromHeader === undefined ? ", backoff" : ", Retry-After"}`, fromRetryAfter: fromHeader !== undefined });
          }
          lastThrottled = await keep(response!);
        } finally {
          release?.();
        }
        throttles++;
        if (!decision.retry || request.signal.aborted || env.now() + pauseInMs > deadline) {
          const why = !decision.retry ? decision.reason : request.signal.aborted ? "aborted by the caller" : fromHeader !== undefined ? `Retry-After ${pauseInMs} ms ends after the deadline` : "the deadline is reached";
          emit({ kind: "gave-up", reason: why, elapsedInMs: env.now() - startedAt, throttled: true });
          return lastThrottled;
        }
        emit({ kind: "retry", delayInMs: pauseInMs, reason: decision.reason, throttled: true });
        // With a limiter the next acquire waits out the pause; without one, wait here.
        if (limiting === undefined) await env.sleep(pauseInMs, request.signal);
        continue;
      }
      if (!decision.retry || request.signal.aborted || env.now() + decision.delayInMs > deadline) {
        if (attempt > 1) emit({ kind: "gave-up", reason: decision.retry ? "the deadline is reached" : decision.reason, elapsedInMs: env.now() - startedAt, throttled: false });
        if (response !== undefined) return handOver(request, response, release);
        throw error;
      }
      try {
        await response?.body?.cancel();
      } finally {
        release?.();
      }
      retries++;
      emit({ kind: "retry", delayInMs: decision.delayInMs, reason: decision.reason, throttled: false });
      await env.sleep(decision.delayInMs, request.signal);
    }
  };
}

/** The lease's release, callable more than once (the body's end and a holder may both call it). */
function releaseOnce(lease: LimiterLease): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    void lease.release();
  };
}

/**
 * The response the loop returns keeps its slot until its body is finished: the call's context takes
 * the release when its executor reads the body itself (`CallContext`), else the body is wrapped to
 * release at its end.
 */
function handOver(request: Request, response: Response, release: (() => void) | undefined): Response {
  if (release === undefined) return response;
  const context = callContextOf(request);
  if (context === undefined) return releaseWhenFinished(response, release);
  context.release = release;
  return response;
}

/**
 * An attempt that ended without a response (timeout, abort, network error) had its connection torn
 * down; the server notices a moment later and only then frees its slot. Giving ours back at once let
 * the emulator queue one request too many (measured); 250 ms covers a busy server's event loop and a
 * WAN round trip, and costs only the rare torn-down attempt.
 */
function releaseAfterTeardown(lease: LimiterLease): void {
  unrefTimer(setTimeout(() => void lease.release(), TEARDOWN_GRACE_IN_MS));
}

const TEARDOWN_GRACE_IN_MS = 250;

/** Reads a (small) throttling answer, freeing its slot, and keeps an equal response to return later. */
async function keep(response: Response): Promise<Response> {
  const text = await response.text().catch(() => "");
  return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** Nothing (more) could be sent before the deadline because the identity was paused, out of budget or busy. */
function notSent(
  request: Request,
  error: LimiterWaitTimeoutError,
  facts: { readonly clientRequestId: string | undefined; readonly attempts: number; readonly elapsedInMs: number; readonly lastRetryAfterInMs: number | undefined; readonly now: number },
): ODataThrottledError {
  const retryAfter = error.availableAt === undefined ? facts.lastRetryAfterInMs : Math.max(0, error.availableAt - facts.now);
  return new ODataThrottledError({
    status: 429,
    code: "",
    message: `not sent — ${error.message}`,
    correlationId: undefined,
    requestId: facts.clientRequestId,
    method: request.method,
    url: request.url,
    headers: new Headers(),
    body: undefined,
    clientRequestId: facts.clientRequestId,
    attempts: facts.attempts,
    elapsedInMs: facts.elapsedInMs,
    lastRetryAfterInMs: retryAfter,
    cause: error,
  } as ConstructorParameters<typeof ODataThrottledError>[0]);
}

/** Real sleep that rejects with the signal's reason on abort. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
