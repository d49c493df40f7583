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
export class ODataError extends Error {
  override readonly name: string = "ODataError";
  readonly status: number;
  readonly code: string;
  readonly serverMessage: string;
  readonly correlationId: string | undefined;
  readonly requestId: string | undefined;
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly body: unknown;

  constructor(context: ODataErrorContext, remedy?: string) {
    const id = context.correlationId === undefined ? "" : ` (correlation id ${context.correlationId})`;
    super(`${context.method} ${context.url} failed with ${context.status}${context.code ? ` ${context.code}` : ""}: ${context.message || "(no message)"}${id}${remedy ? ` ${remedy}` : ""}`);
    this.status = context.status;
    this.code = context.code;
    this.serverMessage = context.message;
    this.correlationId = context.correlationId;
    this.requestId = context.requestId;
    this.method = context.method;
    this.url = context.url;
    this.headers = context.headers;
    this.body = context.body;
  }
}

/**
 * The entity changed since its ETag was read: BC's 409 `Request_EntityChanged` (and 412 as a fallback).
 * Remedy: read the entity again and re-apply the change with its new `@odata.etag`.
 */
export class ODataConcurrencyError extends ODataError {
  override readonly name = "ODataConcurrencyError";

  constructor(context: ODataErrorContext) {
    super(context, "Read the entity again (get()) and retry the change with its new @odata.etag, or pass { ifMatch: \"*\" } to overwrite.");
  }
}
