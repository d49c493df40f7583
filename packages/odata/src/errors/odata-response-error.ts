import { ODataRequestError, type RequestErrorContext } from "./odata-request-error.js";

/** Why an answer could not be used. */
export type MalformedResponseReason =
  /** The body claims JSON (or was expected to be) but does not parse, e.g. truncated. */
  | "not-json"
  /** The body is HTML, XML or another media type where JSON was expected (often a proxy or login page). */
  | "media-type"
  /** Valid JSON of the wrong shape, e.g. `{"value":"abc"}` for a collection, an array for an entity. */
  | "shape"
  /** No body where an entity or collection was expected (e.g. an empty 200). */
  | "empty";

/**
 * The server answered with a success status, but the body is not what an OData service sends: not JSON,
 * the wrong media type, the wrong shape, or empty. `snippet` holds its first 200 characters.
 * For writes: 2xx JSON that cannot be read means BC applied it (`outcome: "applied"`); a body of another
 * media type likely came from a proxy, so the outcome is `"unknown"`.
 *
 * @example
 * // ODataResponseError: GET https://…/customers answered 200 with text/html where JSON was expected: "<html><head><title>Sign in…" …
 */
export class ODataResponseError extends ODataRequestError {
  override readonly name = "ODataResponseError";
  readonly reason: MalformedResponseReason;
  readonly contentType: string | undefined;
  /** The first 200 characters of the body. */
  readonly snippet: string;

  constructor(reason: MalformedResponseReason, detail: string, input: { readonly contentType: string | undefined; readonly snippet: string }, context: RequestErrorContext) {
    super(
      `answered ${context.status ?? "?"} with ${detail}${input.snippet ? `: ${JSON.stringify(input.snippet)}` : ""}`,
      context,
      reason === "media-type"
        ? "Something between you and Business Central (a proxy, captive portal or login page) answered: check baseUrl/serviceRootUrl and proxy settings."
        : "Retry the read; if it persists, report it with the correlation id.",
    );
    this.reason = reason;
    this.contentType = input.contentType;
    this.snippet = input.snippet;
  }
}
