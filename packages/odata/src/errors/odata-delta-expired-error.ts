import type { ODataError } from "./odata-error.js";
import { ODataRequestError } from "./odata-request-error.js";

/**
 * The delta link is no longer valid (410 Gone): the server no longer keeps changes that far back
 * (retention), or it restarted. Re-baseline: sync again without `deltaLink` and replace the mirror
 * with what that round yields (or pass `onExpired: "rebaseline"` to have the iterator do the re-read).
 *
 * @example
 * try { for await (const c of company.customers.sync({ deltaLink })) apply(c); }
 * catch (e) { if (e instanceof ODataDeltaExpiredError) await fullResync(); else throw e; }
 */
export class ODataDeltaExpiredError extends ODataRequestError {
  override readonly name = "ODataDeltaExpiredError";
  /** The server's `Location` for a new baseline (BC documents one on 410), when it sent it. */
  readonly baselineUrl: string | undefined;

  constructor(cause: ODataError, baselineUrl: string | undefined) {
    super(
      "failed with 410 Gone: the delta link has expired",
      { method: cause.method, url: cause.url, status: 410, clientRequestId: cause.clientRequestId, correlationId: cause.correlationId, attempts: cause.attempts, elapsedInMs: cause.elapsedInMs, cause },
      "Re-baseline: call sync() without deltaLink and replace the mirror with what it yields, or pass onExpired: \"rebaseline\".",
    );
    this.baselineUrl = baselineUrl;
  }
}
