import { ODataRequestError } from "./odata-request-error.js";

/**
 * The server answered with a redirect that bcts does not follow: to another origin (the request, its
 * body and its bearer token would go to a host you did not configure), of a write (POST, PATCH, or a
 * DELETE not redirected with 307/308), or more than `maxRedirects` in a row. Nothing was sent to the
 * `location`, and the request is not retried (`retryable: false`).
 *
 * @example
 * await company.customers.create({ displayName: "Adatum" });
 * // ODataRedirectError: POST https://api.businesscentral.dynamics.com/…/customers was redirected (307) to
 * // https://elsewhere.example/steal: another origin, not followed (…). Check baseUrl / serviceRootUrl: …
 */
export class ODataRedirectError extends ODataRequestError {
  override readonly name = "ODataRedirectError";
  /** The absolute redirect target, or undefined when it could not be seen (browser `opaqueredirect`). */
  readonly location: string | undefined;
  /** Why it was not followed. */
  readonly reason: "cross-origin" | "write" | "too-many" | "opaque" | "invalid-location";
  /** Read by the retry policy: sending the same request again gets the same redirect. */
  readonly retryable = false;

  constructor(method: string, url: string, status: number, location: string | undefined, reason: ODataRedirectError["reason"]) {
    super(`was redirected (${status})${location === undefined ? "" : ` to ${location}`}: ${WHY[reason]}`, { method, url, status }, REMEDY[reason]);
    this.location = location;
    this.reason = reason;
  }
}

const WHY: Record<ODataRedirectError["reason"], string> = {
  "cross-origin": "another origin, not followed (the request and its bearer token would leave the configured host)",
  write: "a write is never re-sent to another URL or turned into a GET",
  "too-many": "too many redirects in a row",
  opaque: "the runtime hid the redirect target (opaqueredirect), not followed",
  "invalid-location": "the Location header is not a URL",
};

const REMEDY: Record<ODataRedirectError["reason"], string> = {
  "cross-origin": "Check baseUrl / serviceRootUrl: point the client at the host that serves the API, not at one that forwards to it.",
  write: "Point the client at the URL the server redirects to (baseUrl / serviceRootUrl).",
  "too-many": "The server redirects in a loop; check baseUrl / serviceRootUrl and the server's configuration.",
  opaque: "Point the client at the final URL (baseUrl / serviceRootUrl) so no redirect is needed.",
  "invalid-location": "The server sent a broken redirect; check baseUrl / serviceRootUrl and the server's configuration.",
};
