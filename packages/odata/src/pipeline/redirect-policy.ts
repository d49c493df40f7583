import { ODataRedirectError } from "../errors/odata-redirect-error.js";
import { attemptSignalOf, setAttemptSignal } from "./attempt-signal.js";
import type { Policy } from "./policy.js";
import { authorizationOf, authorize } from "./request-authorization.js";

const REDIRECT = new Set([301, 302, 303, 307, 308]);

/**
 * Decides about redirects itself instead of leaving them to `fetch` (which would follow them to any
 * origin, and re-send a POST body on 307/308). The transport gets every request with
 * `redirect: "manual"`; then:
 *
 * - another origin (scheme, host or port): `ODataRedirectError`, nothing is sent there;
 * - same origin, GET/HEAD: followed (any of 301/302/303/307/308), method and headers kept, at most
 *   `maxRedirects` hops;
 * - same origin, DELETE with 307/308: followed (no body, method kept by definition of 307/308);
 * - every other write (POST, PATCH, or DELETE with 301/302/303): `ODataRedirectError` — a body is never
 *   re-sent to another URL and a write is never turned into a GET.
 *
 * A browser's `opaqueredirect` (target hidden) and a `Location` that is not a URL are `ODataRedirectError`s too.
 *
 * @example
 * composePipeline([retry, limiter, bearer, redirectPolicy()], transport)
 * // GET https://bc/…/customers → 302 Location: https://evil.example/… → ODataRedirectError (reason "cross-origin")
 */
export function redirectPolicy(maxRedirects = 5): Policy {
  return async (request, next) => {
    let current = request;
    const authorization = authorizationOf(request);
    if (request.redirect !== "manual") {
      current = new Request(request, { redirect: "manual" });
      setAttemptSignal(current, attemptSignalOf(request));
      if (authorization !== undefined) authorize(current, authorization);
    }
    // Every hop carries the same headers and token (hops stay on this origin). Copied only
    // when a redirect comes: most answers are not redirects.
    let headers: Headers | undefined;
    for (let hops = 0; ; hops++) {
      const response = await next(current);
      if (response.type === "opaqueredirect") throw new ODataRedirectError(request.method, current.url, response.status, undefined, "opaque");
      const location = REDIRECT.has(response.status) ? response.headers.get("Location") : null;
      if (location === null) return response;
      headers ??= new Headers(current.headers);
      const origin = new URL(request.url).origin;
      await response.body?.cancel();
      const target = URL.canParse(location, current.url) ? new URL(location, current.url) : undefined;
      if (target === undefined) throw new ODataRedirectError(request.method, current.url, response.status, location, "invalid-location");
      const reason = refusal(request.method, response.status, target.origin === origin, hops >= maxRedirects);
      if (reason !== undefined) throw new ODataRedirectError(request.method, current.url, response.status, target.href, reason);
      const hop = new Request(target, { method: request.method, headers, signal: request.signal, redirect: "manual" });
      setAttemptSignal(hop, attemptSignalOf(request)); // the attempt's timeout bounds every hop
      if (authorization !== undefined) authorize(hop, authorization); // same origin only (see refusal)
      current = hop;
    }
  };
}

function refusal(method: string, status: number, sameOrigin: boolean, exhausted: boolean): ODataRedirectError["reason"] | undefined {
  if (!sameOrigin) return "cross-origin";
  const bodyless = method === "GET" || method === "HEAD" || (method === "DELETE" && (status === 307 || status === 308));
  if (!bodyless) return "write";
  return exhausted ? "too-many" : undefined;
}
