/**
 * `$metadata` could not be fetched. Names the URL, the status or cause, and what to check.
 *
 * @example
 * MetadataFetchError: GET https://…/api/v2.0/$metadata answered 401 Unauthorized.
 *   Remedy: the token was rejected; check the app registration's API permissions (Dynamics 365 Business Central, API.ReadWrite.All) and the tenant id.
 */
export class MetadataFetchError extends Error {
  override readonly name = "MetadataFetchError";
  constructor(
    readonly url: string,
    readonly problem: string,
    readonly remedy: string,
    readonly status?: number,
    options?: { readonly cause?: unknown },
  ) {
    super(`GET ${url} ${problem}.\n  Remedy: ${remedy}`, options);
  }
}
