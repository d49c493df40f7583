import { ODataTimeoutError } from "../errors/odata-timeout-error.js";
import { attemptSignalOf, setAttemptSignal } from "./attempt-signal.js";
import { composePipeline, type FetchLike, type Policy } from "./policy.js";
import { signalTransport, type Transport } from "./transport.js";

// Moved to errors/; re-exported for code that imported it from here.
export { ODataTimeoutError };
export type { Transport } from "./transport.js";
export { signalTransport };

/**
 * Per-attempt timeout as a policy, placed outside token acquisition so `timeoutInMs` bounds the
 * token request too (a slow or failing sign-in cannot hold a call longer than its timeout). Its
 * signal reaches the inner steps through `attemptSignalOf`; `signalTransport` hands it to fetch.
 * The timer stops when the response headers arrive (the body is bounded by the caller's signal).
 *
 * @example
 * composePipeline([retry, attemptTimeoutPolicy(30_000), bearer], signalTransport(fetch));
 */
export function attemptTimeoutPolicy(defaultTimeoutInMs: number): Policy {
  const perRequest = new WeakMap<Request, number>();
  return async (request, next) => {
    const header = request.headers.get("x-bcts-timeout");
    if (header !== null) {
      perRequest.set(request, Number(header));
      request.headers.delete("x-bcts-timeout");
    }
    const timeoutInMs = perRequest.get(request) ?? defaultTimeoutInMs;
    if (!(timeoutInMs > 0) || !Number.isFinite(timeoutInMs)) return next(request);
    const controller = new AbortController();
    const onAbort = () => controller.abort(request.signal.reason);
    if (request.signal.aborted) onAbort();
    else request.signal.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(new ODataTimeoutError(request.method, request.url, timeoutInMs)), timeoutInMs);
    setAttemptSignal(request, controller.signal);
    try {
      return await next(request);
    } catch (error) {
      if (controller.signal.aborted && controller.signal.reason instanceof ODataTimeoutError) throw controller.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
      request.signal.removeEventListener("abort", onAbort);
    }
  };
}

/**
 * The innermost step (before `attemptTimeoutPolicy`; kept for custom pipelines): calls the transport with a signal that fires after `timeoutInMs` (per attempt;
 * a request's own `x-bcts-timeout` header overrides the client default) or when the caller aborts.
 * The signal goes in `init`, so no extra `Request` is built. A timeout surfaces as `ODataTimeoutError`;
 * the caller's abort reason is rethrown unchanged.
 *
 * @example
 * const send = timeoutTransport(fetch, 120_000);
 */
export function timeoutTransport(transport: Transport, defaultTimeoutInMs: number): FetchLike {
  // The same two steps the client composes, kept as one function for custom pipelines.
  return composePipeline([attemptTimeoutPolicy(defaultTimeoutInMs)], signalTransport(transport));
}
