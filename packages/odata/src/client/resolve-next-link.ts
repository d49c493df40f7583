import { ODataQueryError } from "../errors/odata-query-error.js";

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The absolute URL of a page's `@odata.nextLink`. Business Central sends absolute links (kept verbatim);
 * the OData JSON Format (V4.01 §4.3, relative URLs) also allows relative ones — relative to the
 * payload's context URL, itself relative to the request URL — and other servers (SAP CAP) send them.
 *
 * @example
 * resolveNextLink("Books?$skiptoken=2", "$metadata#Books", "http://host/odata/v4/cat/Books?$top=5")
 * // "http://host/odata/v4/cat/Books?$skiptoken=2"
 */
export function resolveNextLink(nextLink: unknown, context: unknown, requestUrl: string): string {
  if (typeof nextLink !== "string") {
    throw new ODataQueryError(`The server sent an @odata.nextLink that is not a string (${typeof nextLink}) for ${requestUrl}.`, "Report it to the service owner; the pages before were delivered.");
  }
  if (ABSOLUTE.test(nextLink)) return nextLink;
  try {
    const base = typeof context === "string" && context !== "" ? new URL(context, requestUrl) : requestUrl;
    return new URL(nextLink, base).href;
  } catch {
    throw new ODataQueryError(`The server sent an unusable @odata.nextLink ${JSON.stringify(nextLink)} for ${requestUrl}.`, "Report it to the service owner; the pages before were delivered.");
  }
}

/**
 * Refuses a continuation token outside the service's origin: the bearer token would follow it.
 *
 * @example
 * assertSameOrigin("https://evil.example/x", "https://api.businesscentral.dynamics.com") // throws ODataQueryError
 */
export function assertSameOrigin(token: string, origin: string): void {
  if (!token.startsWith(`${origin}/`)) {
    throw new ODataQueryError(`Refusing to follow nextLink/continuationToken ${token} outside ${origin}.`, "Pass a continuationToken from a page of this client.");
  }
}

/**
 * What `Preference-Applied` says about `odata.maxpagesize`: the size applied, `false` when the header
 * is present without it (the preference was ignored), undefined when there is no header.
 *
 * @example
 * maxPageSizeApplied(new Headers({ "Preference-Applied": "odata.maxpagesize=100" })) // 100
 */
export function maxPageSizeApplied(headers: Headers): number | false | undefined {
  const applied = headers.get("Preference-Applied");
  if (applied === null) return undefined;
  const m = /(?:^|[,;\s])odata\.maxpagesize\s*=\s*"?(\d+)"?/i.exec(applied);
  return m === null ? false : Number(m[1]);
}
