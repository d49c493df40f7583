import { ODataRequestError, type RequestErrorContext } from "./odata-request-error.js";

/**
 * A request took longer than `timeoutInMs` (per attempt) and was aborted. For a write the request was
 * sent, so its `outcome` is `"unknown"`.
 *
 * @example
 * await company.customers.list({ timeoutInMs: 5_000 }).next();
 * // ODataTimeoutError: GET https://…/customers did not answer within 5000 ms … Raise timeoutInMs, or make the request smaller …
 */
export class ODataTimeoutError extends ODataRequestError {
  override readonly name = "ODataTimeoutError";
  readonly timeoutInMs: number;

  constructor(method: string, url: string, timeoutInMs: number, context?: Omit<RequestErrorContext, "method" | "url">) {
    super(`did not answer within ${timeoutInMs} ms`, { ...context, method, url }, "Raise timeoutInMs, or make the request smaller ($select, $filter, maxPageSize, fewer operations per batch).");
    this.timeoutInMs = timeoutInMs;
  }
}
