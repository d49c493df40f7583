import { ODataQueryError } from "../errors/odata-query-error.js";
import type { QueryNode } from "../query/nodes.js";
import { serializeQuery } from "../query/serialize-query.js";
import type { ReadOptions } from "./request-options.js";

/** `base?query`, or `base` when the query is empty. */
export function withQuery(base: string, node: QueryNode): string {
  const query = serializeQuery(node);
  return query === "" ? base : `${base}?${query}`;
}

/** `Data-Access-Intent` and `Prefer` headers of a read. */
export function readHeaders(options: ReadOptions | undefined, maxPageSize?: number): Record<string, string> {
  const headers: Record<string, string> = {};
  if (options?.readOnlyIntent === true) headers["Data-Access-Intent"] = "ReadOnly";
  if (maxPageSize !== undefined) {
    if (!Number.isSafeInteger(maxPageSize) || maxPageSize < 1) throw new ODataQueryError(`Invalid maxPageSize ${maxPageSize}.`, "Pass a positive integer (BC online caps it at 20 000).");
    headers["Prefer"] = `odata.maxpagesize=${maxPageSize}`;
  }
  return headers;
}

