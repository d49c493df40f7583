import type { EntityTypeDescriptor } from "../model/descriptors.js";
import { ODataQueryError } from "../errors/odata-query-error.js";
import type { RequestExecutor } from "./request-executor.js";
import type { ConcurrencyOptions } from "./request-options.js";

/**
 * The If-Match value for a write: `ifMatch: "*"`, else `etag`, else `entity["@odata.etag"]`, else the
 * entity's current ETag read with a GET (BC rejects PATCH without If-Match: 400 BadRequest_InvalidToken).
 *
 * @example
 * await resolveIfMatch(executor, "https://…/customers(…)", "id", {})  // GET …/customers(…)?$select=id → 'W/"JzE5OzE…"'
 */
export async function resolveIfMatch(executor: RequestExecutor, entityUrl: string, keyName: string | undefined, options: ConcurrencyOptions | undefined): Promise<string> {
  if (options?.ifMatch === "*") return "*";
  const known = options?.etag ?? options?.entity?.["@odata.etag"];
  if (known !== undefined) return known;
  const url = keyName === undefined ? entityUrl : `${entityUrl}?$select=${encodeURIComponent(keyName)}`;
  const { data, info } = await executor.send({ method: "GET", url }, { abortSignal: options?.abortSignal, timeoutInMs: options?.timeoutInMs, headers: options?.headers });
  const etag = (data as { "@odata.etag"?: string } | undefined)?.["@odata.etag"] ?? info.headers.get("ETag") ?? undefined;
  if (etag === undefined) {
    throw new ODataQueryError(`GET ${url} returned no @odata.etag, so the write cannot send If-Match.`, 'Pass { etag } or, to overwrite, { ifMatch: "*" }.');
  }
  return etag;
}

/**
 * The If-Match header of a write on an entity of `type`. A type whose metadata declares no
 * `Core.OptimisticConcurrency` (`optimisticConcurrency: false`, standard OData servers) needs none:
 * without a known ETag the write goes without If-Match and without a GET first. Every other type
 * (BC, and code generated before the flag existed) resolves one with `resolveIfMatch`.
 *
 * @example
 * await ifMatchHeader(executor, url, productsType, undefined)             // {}  (no GET)
 * await ifMatchHeader(executor, url, productsType, { etag: 'W/"1"' })     // { "If-Match": 'W/"1"' }
 */
export async function ifMatchHeader(executor: RequestExecutor, entityUrl: string, type: EntityTypeDescriptor, options: ConcurrencyOptions | undefined): Promise<Record<string, string>> {
  const known = options?.ifMatch ?? options?.etag ?? options?.entity?.["@odata.etag"];
  if (known === undefined && type.optimisticConcurrency === false) return {};
  return { "If-Match": await resolveIfMatch(executor, entityUrl, type.keys[0], options) };
}
