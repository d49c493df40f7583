/**
 * Paging stopped before the last page: the server sent an `@odata.nextLink` that this iteration had
 * already followed (a loop: following it would repeat the same pages forever and burn the identity's
 * request budget), or the iteration reached its `maxPages` limit while more pages were announced.
 * The pages before were delivered; `continuationToken` is where a resumed iteration would start.
 *
 * @example
 * for await (const c of company.customers.list({ maxPages: 100 })) …
 * // ODataPagingError: Stopped after 100 pages: maxPages reached while the server announced more. …
 */
export class ODataPagingError extends Error {
  override readonly name = "ODataPagingError";
  readonly reason: "loop" | "max-pages";
  /** Pages fetched by this iteration before it stopped. */
  readonly pages: number;
  /** The nextLink that was not followed. */
  readonly continuationToken: string;
  /** What to do about it. */
  readonly remedy: string;

  constructor(reason: ODataPagingError["reason"], pages: number, continuationToken: string) {
    const remedy =
      reason === "loop"
        ? "The server repeats a page link; report it to the service owner. Narrow the query ($filter) or page with orderBy + a filter on the last key instead."
        : "Raise maxPages, pass a larger maxPageSize, or resume later with byPage({ continuationToken }).";
    const what = reason === "loop" ? `the server sent a nextLink this iteration already followed (${continuationToken})` : "maxPages reached while the server announced more";
    super(`Stopped after ${pages} pages: ${what}. ${remedy}`);
    this.reason = reason;
    this.pages = pages;
    this.continuationToken = continuationToken;
    this.remedy = remedy;
  }
}
