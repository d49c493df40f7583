import type { Policy } from "./policy.js";

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

/**
 * Aborts one attempt after `timeoutInMs` (the request's own `x-bcts-timeout` header overrides the client default).
 * The caller's abort signal still wins and is rethrown unchanged.
 *
 * @example
 * timeoutPolicy(100_000)
 */
export function timeoutPolicy(defaultTimeoutInMs: number): Policy {
  return async (request, next) => {
    const header = request.headers.get("x-bcts-timeout");
    const timeoutInMs = header === null ? defaultTimeoutInMs : Number(header);
    if (header !== null) request.headers.delete("x-bcts-timeout");
    if (!(timeoutInMs > 0) || !Number.isFinite(timeoutInMs)) return next(request);
    const controller = new AbortController();
    const onAbort = () => controller.abort(request.signal.reason);
    if (request.signal.aborted) onAbort();
    else request.signal.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(new ODataTimeoutError(request.method, request.url, timeoutInMs)), timeoutInMs);
    try {
      return await next(new Request(request, { signal: controller.signal }));
    } catch (error) {
      if (controller.signal.aborted && controller.signal.reason instanceof ODataTimeoutError) throw controller.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
      request.signal.removeEventListener("abort", onAbort);
    }
  };
}
