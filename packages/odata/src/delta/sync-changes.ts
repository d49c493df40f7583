import type { EntityTypeDescriptor } from "../model/descriptors.js";
import { ODataError } from "../errors/odata-error.js";
import { ODataQueryError } from "../errors/odata-query-error.js";
import type { RequestExecutor } from "../client/request-executor.js";
import type { ReadOptions } from "../client/request-options.js";
import { assertSameOrigin, resolveNextLink } from "../client/resolve-next-link.js";
import { bodyParser, readCollection } from "../client/value-io.js";
import { toDeltaChange, type DeltaChange } from "./delta-change.js";
import { ODataDeltaExpiredError } from "../errors/odata-delta-expired-error.js";
import { ODataDeltaUnsupportedError } from "../errors/odata-delta-unsupported-error.js";

export interface SyncOptions extends ReadOptions {
  /** The `deltaLink` of the previous round; without it the round is a baseline (every row is an upsert). */
  readonly deltaLink?: string | undefined;
  /** `Prefer: odata.maxpagesize=N`. */
  readonly maxPageSize?: number;
  /** 410 Gone: `"throw"` (default) an `ODataDeltaExpiredError`, or `"rebaseline"`: yield `{ kind: "rebaseline" }` and re-read everything. */
  readonly onExpired?: "throw" | "rebaseline";
}

/**
 * A round of a delta sync: `for await` its changes, then persist `deltaLink` for the next round.
 * One page is held at a time.
 */
export interface DeltaSyncIterator<T> extends AsyncIterableIterator<DeltaChange<T>> {
  /** Set once the round has ended: the link to pass as `deltaLink` next time. Undefined before. */
  readonly deltaLink: string | undefined;
  /** GET requests this round sent so far. */
  readonly requests: number;
}

/**
 * `GET baselineUrl` with `Prefer: odata.track-changes` (or the given delta link), following
 * `@odata.nextLink` page by page, until the page with `@odata.deltaLink`. Reads send
 * `Data-Access-Intent: ReadOnly` unless `readOnlyIntent: false` (BC's advice for reads).
 *
 * @example
 * const round = company.customers.sync({ deltaLink: saved, select: ["id", "number", "displayName"] });
 * for await (const change of round) change.kind === "upsert" ? upsert(change.entity) : remove(change.id);
 * save(round.deltaLink);
 * // GET …/customers?$deltatoken=…   Prefer: odata.track-changes   Data-Access-Intent: ReadOnly
 */
export function syncChanges<T>(executor: RequestExecutor, type: EntityTypeDescriptor, baselineUrl: string, options: SyncOptions = {}): DeltaSyncIterator<T> {
  if (options.deltaLink !== undefined) assertSameOrigin(options.deltaLink, executor.origin);
  const headers: Record<string, string> = { Prefer: "odata.track-changes", ...(options.readOnlyIntent === false ? {} : { "Data-Access-Intent": "ReadOnly" }) };
  if (options.maxPageSize !== undefined) {
    if (!Number.isSafeInteger(options.maxPageSize) || options.maxPageSize < 1) throw new ODataQueryError(`Invalid maxPageSize ${options.maxPageSize}.`, "Pass a positive integer (BC online caps it at 20 000).");
    headers["Prefer"] += `, odata.maxpagesize=${options.maxPageSize}`;
  }
  let url: string | undefined = options.deltaLink ?? baselineUrl;
  let firstOfRound = true;
  let current: readonly Record<string, unknown>[] = [];
  let index = 0;
  let pending: DeltaChange<T> | undefined;
  const state = { deltaLink: undefined as string | undefined, requests: 0 };

  const fetchPage = async (pageUrl: string): Promise<void> => {
    state.requests++;
    let result;
    try {
      result = await executor.send({ method: "GET", url: pageUrl, headers, parse: bodyParser(type, "collection"), expect: "collection" }, options);
    } catch (error) {
      if (!(error instanceof ODataError) || error.status !== 410) throw error;
      const location = error.headers.get("location") ?? undefined;
      if (options.onExpired !== "rebaseline" || pageUrl === baselineUrl) throw new ODataDeltaExpiredError(error, location);
      // Re-read from our own baseline URL (same query), not the server's Location: it is the query we were asked for.
      url = baselineUrl;
      firstOfRound = true;
      current = [];
      index = 0;
      pending = { kind: "rebaseline", reason: "expired" };
      return;
    }
    const { data, info } = result;
    // Asked of the baseline only: whether a server repeats Preference-Applied on a delta link's GET is not
    // documented, and a link that answers with a new deltaLink has shown it supports change tracking.
    if (firstOfRound && pageUrl === baselineUrl && !/odata\.track-changes/i.test(info.headers.get("preference-applied") ?? "")) {
      throw new ODataDeltaUnsupportedError(pageUrl, "no Preference-Applied: odata.track-changes in the answer");
    }
    firstOfRound = false;
    const body = readCollection(type, data) as { value?: Record<string, unknown>[]; "@odata.context"?: unknown; "@odata.deltaLink"?: unknown };
    current = body.value ?? [];
    index = 0;
    if (info.nextLink !== undefined) {
      url = resolveNextLink(info.nextLink, body["@odata.context"], info.url);
      assertSameOrigin(url, executor.origin);
    } else if (body["@odata.deltaLink"] !== undefined) {
      state.deltaLink = resolveNextLink(body["@odata.deltaLink"], body["@odata.context"], info.url);
      url = undefined;
    } else {
      throw new ODataDeltaUnsupportedError(pageUrl, "the last page has no @odata.deltaLink");
    }
  };

  const iterator: DeltaSyncIterator<T> = {
    get deltaLink() {
      return state.deltaLink;
    },
    get requests() {
      return state.requests;
    },
    async next(): Promise<IteratorResult<DeltaChange<T>>> {
      for (;;) {
        if (pending !== undefined) {
          const item = pending;
          pending = undefined;
          return { done: false, value: item };
        }
        if (index < current.length) return { done: false, value: toDeltaChange<T>(current[index++]!) };
        if (url === undefined) return { done: true, value: undefined };
        await fetchPage(url);
      }
    },
    async return(): Promise<IteratorResult<DeltaChange<T>>> {
      url = undefined;
      current = [];
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return iterator;
}
