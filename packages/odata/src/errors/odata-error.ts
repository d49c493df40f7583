import { ODataRequestError } from "./odata-request-error.js";
import type { WriteOutcome } from "./write-outcome.js";

/** Where a failed response came from; carried by every `ODataError`. */
export interface ODataErrorContext {
  readonly status: number;
  /** BC's error code, e.g. "BadRequest_NotFound", "Request_EntityChanged"; "" when the body had none. */
  readonly code: string;
  /** BC's message without the "  CorrelationId:  …." suffix. */
  readonly message: string;
  /** Parsed from the message suffix, else from the `ms-correlation-x` / `x-ms-correlation-id` header. */
  readonly correlationId: string | undefined;
  /** From the `request-id` / `x-ms-request-id` response header, else the `client-request-id` we sent. */
  readonly requestId: string | undefined;
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  /** The body as received (parsed JSON, or text for XML and other bodies). */
  readonly body: unknown;
  /** The `client-request-id` sent with the call. */
  readonly clientRequestId?: string | undefined;
  readonly attempts?: number | undefined;
  readonly elapsedInMs?: number | undefined;
  /** Writes only: see `WriteOutcome`. */
  readonly outcome?: WriteOutcome | undefined;
  /** Overrides the sentence that explains the outcome (e.g. "an earlier attempt may have applied"). */
  readonly note?: string | undefined;
}

/**
 * Business Central answered with an error status. `code` and `message` come from its
 * `{"error":{"code","message"}}` body (or the XML `<error>` variant).
 *
 * @example
 * try { await company.customers.byId(id).get(); }
 * catch (e) { if (e instanceof ODataError && e.status === 404) … }
 * // e.message: 'GET https://…/companies(…)/customers(…) failed with 404 BadRequest_NotFound: The customer does not exist. (correlation id 7f…)'
 */
export class ODataError extends ODataRequestError {
  override readonly name: string = "ODataError";
  declare readonly status: number;
  readonly code: string;
  readonly serverMessage: string;
  readonly requestId: string | undefined;
  readonly headers: Headers;
  readonly body: unknown;

  constructor(context: ODataErrorContext, remedy?: string) {
    const summary = `failed with ${context.status}${context.code ? ` ${context.code}` : ""}: ${context.message || "(no message)"}${context.note ? ` ${context.note}` : ""}`;
    super(summary, context, remedy ?? "");
    this.code = context.code;
    this.serverMessage = context.message;
    this.requestId = context.requestId;
    this.headers = context.headers;
    this.body = context.body;
  }
}
