import { attemptSignalOf, setAttemptSignal } from "./attempt-signal.js";
import { takePrefetchedToken } from "./prefetched-token.js";
import type { Policy } from "./policy.js";
import { authorize } from "./request-authorization.js";
import type { TokenCredential } from "./token-credential.js";

/**
 * Signs requests with `Authorization: Bearer …` from the credential — beside the request
 * (`authorize`), never on it: openapi-fetch hands the very `Request` objects of a call to the user's
 * middleware, and only the transport step puts the token on what leaves (`signalTransport`). On a
 * 401 it asks once more with `forceRefresh: true` and re-sends — safe for every method, BC did not
 * process an unauthenticated request.
 *
 * @example
 * bearerTokenPolicy(new ClientSecretProvider({ tenantId, clientId, clientSecret }))
 */
export function bearerTokenPolicy(credential: TokenCredential): Policy {
  return async (request, next) => {
    const signal = attemptSignalOf(request); // the attempt's timeout bounds token acquisition too
    const first = takePrefetchedToken(request) ?? (await credential.getToken({ abortSignal: signal }));
    // A body is read once: the spare for the 401 re-send is taken before the request is sent.
    const spare = request.body === null ? request : request.clone();
    authorize(request, `Bearer ${first.token}`);
    const response = await next(request);
    if (response.status !== 401) return response;
    const refreshed = await credential.getToken({ abortSignal: signal, forceRefresh: true });
    if (refreshed.token === first.token) return response;
    await response.body?.cancel();
    if (spare !== request) setAttemptSignal(spare, signal); // a clone: the attempt's signal is passed on explicitly
    authorize(spare, `Bearer ${refreshed.token}`);
    return next(spare);
  };
}
