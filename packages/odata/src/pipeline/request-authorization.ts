/**
 * The `Authorization` value of a request, kept beside the request rather than on it: the `Request`
 * objects of a call are the ones openapi-fetch hands to user middleware (`onRequest`, `onResponse`,
 * `onError`), so the token must never be set on them — by construction, not by redacting afterwards.
 * The bearer policy puts it here; only the transport step reads it, when the request leaves.
 *
 * @example
 * authorize(request, `Bearer ${token}`);
 * authorizationOf(request); // "Bearer eyJ…", and request.headers.get("Authorization") stays null
 */
const values = new WeakMap<Request, string>();

export function authorize(request: Request, value: string): void {
  values.set(request, value);
}

export function authorizationOf(request: Request): string | undefined {
  return values.get(request);
}
