import type { ResponseInfo } from "./request-options.js";

/** One page of a collection. */
export interface Page<T> {
  readonly value: readonly T[];
  /** Pass to `byPage({ continuationToken })` to resume; undefined on the last page. It is BC's `@odata.nextLink`. */
  readonly continuationToken: string | undefined;
  /** `@odata.count` when the query asked for `count: true`. */
  readonly count: number | undefined;
  readonly response: ResponseInfo;
}

export interface PageSettings {
  /** Resume from a page's `continuationToken` (an `@odata.nextLink`). */
  readonly continuationToken?: string;
  /** Sent as `Prefer: odata.maxpagesize=N`; BC then pages at N (max 20 000 online). */
  readonly maxPageSize?: number;
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

export function createPagedIterator<T>(fetchPage: PageFetcher<T>, defaultMaxPageSize: number | undefined): PagedAsyncIterableIterator<T> {
  async function* pages(settings: PageSettings = {}): AsyncIterableIterator<Page<T>> {
    const maxPageSize = settings.maxPageSize ?? defaultMaxPageSize;
    let token = settings.continuationToken;
    do {
      const page = await fetchPage(token, maxPageSize);
      token = page.continuationToken;
      yield page;
    } while (token !== undefined);
  }
  async function* items(): AsyncIterableIterator<T> {
    for await (const page of pages()) yield* page.value;
  }
  // The item generator is created on first use, so byPage() callers pay only for pages.
  let itemIterator: AsyncIterableIterator<T> | undefined;
  const iterator: PagedAsyncIterableIterator<T> = {
    next: () => (itemIterator ??= items()).next(),
    return: (value?: unknown) => (itemIterator ??= items()).return!(value),
    [Symbol.asyncIterator]() {
      return this;
    },
    byPage: pages,
  };
  return iterator;
}
