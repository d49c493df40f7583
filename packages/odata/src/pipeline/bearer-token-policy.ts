import { attemptSignalOf, setAttemptSignal } from "./attempt-signal.js";
import { takePrefetchedToken } from "./prefetched-token.js";
import type { Policy } from "./policy.js";
import type { TokenCredential } from "./token-credential.js";

/**
 * Adds `Authorization: Bearer …` from the credential — to a copy of the request, never to the request
 * it is given. On a 401 it asks once more with `forceRefresh: true` and re-sends — safe for every
 * method, BC did not process an unauthenticated request.
 *
 * @example
 * bearerTokenPolicy(new ClientSecretProvider({ tenantId, clientId, clientSecret }))
 */
export function bearerTokenPolicy(credential: TokenCredential): Policy {
  return async (request, next) => {
    const signal = attemptSignalOf(request); // the attempt's timeout bounds token acquisition too
    const first = takePrefetchedToken(request) ?? (await credential.getToken({ abortSignal: signal }));
    // A body is read once: the spare for the 401 re-send is taken before the signed copy takes the body.
    const spare = request.body === null ? request : request.clone();
    const response = await next(signed(request, first.token, signal));
    if (response.status !== 401) return response;
    const refreshed = await credential.getToken({ abortSignal: signal, forceRefresh: true });
    if (refreshed.token === first.token) return response;
    await response.body?.cancel();
    return next(signed(spare, refreshed.token, signal)); // the spare is a clone: the attempt's signal is passed on explicitly
  };
}

/**
 * The request as sent: a copy carrying the token. openapi-fetch hands the very `Request` it passed to
 * `fetch` to the user's middleware (`onResponse`, `onError`), so the token must never be set on that
 * object — by construction, not by redacting it afterwards. `redirect: "manual"` is set here too (the
 * redirect policy below decides about redirects), which saves that policy a second copy.
 */
function signed(request: Request, token: string, attemptSignal: AbortSignal): Request {
  const headers = new Headers(request.headers);
  headers.set("Authorization", `Bearer ${token}`);
  const copy = new Request(request, { headers, redirect: "manual" });
  setAttemptSignal(copy, attemptSignal);
  return copy;
}
