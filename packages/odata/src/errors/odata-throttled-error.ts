import { ODataError, type ODataErrorContext } from "./odata-error.js";

/**
 * Business Central kept answering 429 (too many requests) or 503 (queue full / busy) and the client
 * gave up: retries exhausted or the call's deadline reached. The request was not processed, so a write
 * carries `outcome: "not-applied"` unless an earlier attempt lost its answer.
 *
 * @example
 * catch (e) { if (e instanceof ODataThrottledError) scheduleLater(e.lastRetryAfterInMs ?? 60_000); }
 * // e.message: "POST https://…/customers failed with 429 Application_TooManyRequests: … (4 attempts, 61234 ms, …). … Throttled by Business Central …"
 */
export class ODataThrottledError extends ODataError {
  override readonly name = "ODataThrottledError";
  /** The last Retry-After BC sent (milliseconds), if any. */
  readonly lastRetryAfterInMs: number | undefined;

  constructor(context: ODataErrorContext & { readonly lastRetryAfterInMs?: number | undefined }) {
    super(
      context,
      "Throttled by Business Central (6,000 requests per 5 minutes and 5 concurrent per user): spread the work over time (bulk writes, $batch), share one limiter across processes (@bcts/redis), or raise retry.deadlineInMs; try again after Retry-After.",
    );
    this.lastRetryAfterInMs = context.lastRetryAfterInMs;
  }
}
