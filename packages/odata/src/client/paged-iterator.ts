import { ODataPagingError } from "../errors/odata-paging-error.js";
import { ODataQueryError } from "../errors/odata-query-error.js";
import type { ResponseInfo } from "./request-options.js";

/** One page of a collection. */
export interface Page<T> {
  readonly value: readonly T[];
  /** Pass to `byPage({ continuationToken })` to resume; undefined on the last page. It is BC's `@odata.nextLink`. */
  readonly continuationToken: string | undefined;
  /** `@odata.count` when the query asked for `count: true`. */
  readonly count: number | undefined;
  readonly response: ResponseInfo;
  /**
   * The page size the server says it applied (`Preference-Applied: odata.maxpagesize=N`); `false` when it
   * sent `Preference-Applied` without it (the requested size was ignored); undefined when it said
   * nothing (Business Central: not known whether it echoes the preference) or none was requested.
   */
  readonly maxPageSizeApplied?: number | false | undefined;
}

export interface PageSettings {
  /** Resume from a page's `continuationToken` (an `@odata.nextLink`). */
  readonly continuationToken?: string;
  /** Sent as `Prefer: odata.maxpagesize=N`; BC then pages at N (max 20 000 online). */
  readonly maxPageSize?: number;
  /**
   * Stop with `ODataPagingError` (reason "max-pages") instead of fetching page `maxPages + 1`. Default: no
   * limit. A nextLink this iteration already followed is always an `ODataPagingError` (reason "loop").
   */
  readonly maxPages?: number;
}

/**
 * Entities one by one (`for await`), or page by page with `byPage()`. Follows `@odata.nextLink`
 * lazily: at most one page is held in memory.
 *
 * @example
 * for await (const page of company.customers.list().byPage({ maxPageSize: 100 })) page.value.length;
 * // GET …/customers   Prefer: odata.maxpagesize=100, then GET <@odata.nextLink> …
 */
export interface PagedAsyncIterableIterator<T> extends AsyncIterableIterator<T> {
  byPage(settings?: PageSettings): AsyncIterableIterator<Page<T>>;
}

export type PageFetcher<T> = (continuationToken: string | undefined, maxPageSize: number | undefined) => Promise<Page<T>>;

export function createPagedIterator<T>(fetchPage: PageFetcher<T>, defaultMaxPageSize: number | undefined, defaultMaxPages?: number): PagedAsyncIterableIterator<T> {
  // Hand-written iterators rather than async generators: one object per iteration, no generator frames.
  const pages = (settings: PageSettings = {}): AsyncIterableIterator<Page<T>> => {
    const maxPageSize = settings.maxPageSize ?? defaultMaxPageSize;
    const maxPages = settings.maxPages ?? defaultMaxPages ?? Infinity;
    if (maxPages !== Infinity && (!Number.isSafeInteger(maxPages) || maxPages < 1)) throw new ODataQueryError(`Invalid maxPages ${maxPages}.`, "Pass a positive integer, or leave it out for no limit.");
    let token = settings.continuationToken;
    let done = false;
    // URLs this iteration fetched: a nextLink among them is a loop (a hostile or broken server), not more data.
    const fetched = new Set<string>();
    return {
      async next(): Promise<IteratorResult<Page<T>>> {
        if (done) return { done: true, value: undefined };
        if (token !== undefined && fetched.size > 0) {
          const reason = fetched.has(token) ? "loop" : fetched.size >= maxPages ? "max-pages" : undefined;
          if (reason !== undefined) {
            done = true;
            throw new ODataPagingError(reason, fetched.size, token);
          }
        }
        const page = await fetchPage(token, maxPageSize);
        fetched.add(page.response.url);
        token = page.continuationToken;
        done = token === undefined;
        return { done: false, value: page };
      },
      async return(): Promise<IteratorResult<Page<T>>> {
        done = true;
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  };
  let source: AsyncIterableIterator<Page<T>> | undefined;
  let current: readonly T[] = [];
  let index = 0;
  let finished = false;
  const iterator: PagedAsyncIterableIterator<T> = {
    async next(): Promise<IteratorResult<T>> {
      while (index >= current.length) {
        if (finished) return { done: true, value: undefined };
        const result = await (source ??= pages()).next();
        if (result.done === true) {
          finished = true;
          return { done: true, value: undefined };
        }
        current = result.value.value;
        index = 0;
        finished = result.value.continuationToken === undefined;
      }
      return { done: false, value: current[index++]! };
    },
    async return(): Promise<IteratorResult<T>> {
      finished = true;
      current = [];
      index = 0;
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
    byPage: pages,
  };
  return iterator;
}
