import { ODataTimeoutError } from "../errors/odata-timeout-error.js";
import { setPrefetchedToken } from "./prefetched-token.js";
import type { TokenCredential } from "./token-credential.js";

/**
 * Gets the token BEFORE the request takes its identity's slot, so the slot (and the sliding window's
 * count) starts when the request can really leave: BC counts a request when it arrives, and a slow
 * sign-in inside the slot would make our window and BC's disagree. The bearer policy takes the token
 * from `takePrefetchedToken` instead of asking the credential again. Bounded by the call's `timeoutInMs` (per-call `x-bcts-timeout`
 * header, else the client default) and its abort signal.
 *
 * @example
 * retryPolicy(retry, env, { limiter, identity, prepare: tokenPrefetch(credential, 30_000) })
 */
export function tokenPrefetch(credential: TokenCredential, defaultTimeoutInMs: number): (request: Request) => Promise<void> {
  // The timeout policy removes the header on the first attempt; remember it for the retries.
  const perRequest = new WeakMap<Request, number>();
  return async (request) => {
    const header = request.headers.get("x-bcts-timeout");
    if (header !== null) perRequest.set(request, Number(header));
    const timeoutInMs = perRequest.get(request) ?? defaultTimeoutInMs;
    if (!(timeoutInMs > 0) || !Number.isFinite(timeoutInMs)) {
      setPrefetchedToken(request, await credential.getToken({ abortSignal: request.signal }));
      return;
    }
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new ODataTimeoutError(request.method, request.url, timeoutInMs)), timeoutInMs);
    try {
      setPrefetchedToken(request, await credential.getToken({ abortSignal: AbortSignal.any([request.signal, timeout.signal]) }));
    } catch (error) {
      if (timeout.signal.aborted && !request.signal.aborted) throw timeout.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}
