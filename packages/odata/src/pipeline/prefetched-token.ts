/**
 * The token `tokenPrefetch` obtained before the attempt took its slot, handed to the bearer policy so
 * the credential is asked once per attempt (a credential without a cache would otherwise sign in twice).
 * Keyed by the call's `client-request-id`, which every copy of the request carries; taken once.
 */
const tokens = new Map<string, { readonly token: string }>();

export function setPrefetchedToken(request: Request, token: { readonly token: string }): void {
  const id = request.headers.get("client-request-id");
  if (id !== null) tokens.set(id, token);
}

/** The prefetched token of this request's call, removed from the channel; undefined when there is none. */
export function takePrefetchedToken(request: Request): { readonly token: string } | undefined {
  const id = request.headers.get("client-request-id");
  if (id === null) return undefined;
  const token = tokens.get(id);
  tokens.delete(id);
  return token;
}
