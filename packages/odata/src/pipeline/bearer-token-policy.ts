import type { Policy } from "./policy.js";
import type { TokenCredential } from "./token-credential.js";

/**
 * Adds `Authorization: Bearer …` from the credential. On a 401 it asks once more with
 * `forceRefresh: true` and re-sends — safe for every method, BC did not process an unauthenticated request.
 *
 * @example
 * bearerTokenPolicy(new ClientSecretProvider({ tenantId, clientId, clientSecret }))
 */
export function bearerTokenPolicy(credential: TokenCredential): Policy {
  return async (request, next) => {
    const first = await credential.getToken({ abortSignal: request.signal });
    const retryable = request.body === null ? request : request.clone();
    request.headers.set("Authorization", `Bearer ${first.token}`);
    const response = await next(request);
    if (response.status !== 401) return response;
    const refreshed = await credential.getToken({ abortSignal: request.signal, forceRefresh: true });
    if (refreshed.token === first.token) return response;
    await response.body?.cancel();
    retryable.headers.set("Authorization", `Bearer ${refreshed.token}`);
    return next(retryable);
  };
}
