import type { FetchLike } from "./policy.js";

/** A request took longer than `timeoutInMs` (per attempt) and was aborted. */
export class ODataTimeoutError extends Error {
  override readonly name = "ODataTimeoutError";
  readonly timeoutInMs: number;
  readonly url: string;

  constructor(method: string, url: string, timeoutInMs: number) {
    super(`${method} ${url} did not answer within ${timeoutInMs} ms. Raise timeoutInMs, or make the request smaller ($select, $filter, maxPageSize).`);
    this.timeoutInMs = timeoutInMs;
    this.url = url;
  }
}

/** The transport the client is given: `globalThis.fetch` or anything with its `(request, init)` shape. */
export type Transport = (request: Request, init?: { readonly signal?: AbortSignal }) => Promise<Response>;

/**
 * The innermost step: calls the transport with a signal that fires after `timeoutInMs` (per attempt;
 * a request's own `x-bcts-timeout` header overrides the client default) or when the caller aborts.
 * The signal goes in `init`, so no extra `Request` is built. A timeout surfaces as `ODataTimeoutError`;
 * the caller's abort reason is rethrown unchanged.
 *
 * @example
 * const send = timeoutTransport(fetch, 120_000);
 */
export function timeoutTransport(transport: Transport, defaultTimeoutInMs: number): FetchLike {
  // Body-less requests are re-sent as the same object on retry, after the header was removed: remember it.
  const perRequest = new WeakMap<Request, number>();
  return async (request) => {
    const header = request.headers.get("x-bcts-timeout");
    if (header !== null) {
      perRequest.set(request, Number(header));
      request.headers.delete("x-bcts-timeout");
    }
    const timeoutInMs = perRequest.get(request) ?? defaultTimeoutInMs;
    if (!(timeoutInMs > 0) || !Number.isFinite(timeoutInMs)) return transport(request);
    const controller = new AbortController();
    const onAbort = () => controller.abort(request.signal.reason);
    if (request.signal.aborted) onAbort();
    else request.signal.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(new ODataTimeoutError(request.method, request.url, timeoutInMs)), timeoutInMs);
    try {
      return await transport(request, { signal: controller.signal });
    } catch (error) {
      if (controller.signal.aborted && controller.signal.reason instanceof ODataTimeoutError) throw controller.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
      request.signal.removeEventListener("abort", onAbort);
    }
  };
}
