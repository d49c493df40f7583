import type { ActionModel, EntityModel } from "../model/entity-model.js";
import type { QueryNode } from "../query/nodes.js";
import type { ExpandOptions, NoExtraKeys, QueryShape, Row, SelectableField } from "../query/query-options.js";
import type { CreateOrFindOptions, CreateOrFindResult } from "./create-or-find.js";
import type { PagedAsyncIterableIterator } from "./paged-iterator.js";
import type { DeltaSyncIterator, SyncOptions } from "../delta/sync-changes.js";
import type { BulkDelete, BulkOptions, BulkResult, BulkUpdate } from "../bulk/bulk-types.js";
import type { ConcurrencyOptions, ReadOptions, RequestOptions } from "./request-options.js";

/** Options of `list()`: the query, the request options, and the page size. */
export interface ListOptions<M extends EntityModel, S extends readonly SelectableField<M>[], E extends ExpandOptions<M>>
  extends QueryShape<M, S, E>,
    ReadOptions {
  /** `Prefer: odata.maxpagesize=N`. */
  readonly maxPageSize?: number;
  /** Stop with `ODataPagingError` instead of fetching more than this many pages (see docs/paging.md). */
  readonly maxPages?: number;
}

export interface GetOptions<M extends EntityModel, S extends readonly SelectableField<M>[], E extends ExpandOptions<M>> extends ReadOptions {
  readonly select?: S;
  readonly expand?: E & ExpandOptions<M> & NoExtraKeys<E, M["navigation"]>;
}

/** A built query: inspect the exact URL, or run it. */
export interface EntityQuery<T> {
  readonly node: QueryNode;
  /** The exact URL `list()` sends first. */
  toUrl(): string;
  list(options?: ReadOptions & { readonly maxPageSize?: number; readonly maxPages?: number }): PagedAsyncIterableIterator<T>;
}

/**
 * One entity set (`company.customers`) or collection navigation (`order.salesOrderLines`).
 *
 * @example
 * company.customers.query({ select: ["number"], filter: (f) => f.balanceDue.gt(0), top: 5 }).toUrl()
 * // https://api.businesscentral.dynamics.com/v2.0/{tenant}/{env}/api/v2.0/companies({id})/customers?$select=number&$filter=balanceDue%20gt%200&$top=5
 */
export interface EntitySetClient<M extends EntityModel> {
  toUrl(): string;
  list<const S extends readonly SelectableField<M>[] = never, const E extends ExpandOptions<M> = {}>(
    options?: ListOptions<M, S, E>,
  ): PagedAsyncIterableIterator<Row<M, S, E>>;
  query<const S extends readonly SelectableField<M>[] = never, const E extends ExpandOptions<M> = {}>(options?: QueryShape<M, S, E>): EntityQuery<Row<M, S, E>>;
  byId(key: M["key"]): EntityClient<M>;
  /** POST → 201 with the created entity (including `@odata.etag`); the Location header is on `onResponse`. Deep insert: nest lines in the body. */
  create(body: M["create"], options?: RequestOptions): Promise<M["entity"]>;
  /**
   * Create unless a record with the same alternate key exists; survives lost answers without duplicates
   * (looks the record up before sending again). See docs/errors-and-retries.md.
   * @example await company.customers.createOrFind({ number: "C-1001", displayName: "Adatum" }, { key: "number" }) // { entity, created }
   */
  createOrFind(body: M["create"], options: CreateOrFindOptions<keyof M["create"] & keyof M["entity"] & string>): Promise<CreateOrFindResult<M["entity"]>>;
  /**
   * One round of a delta sync (docs/delta-sync.md): upserts and deletions since `deltaLink` (everything
   * without it), page by page; persist `round.deltaLink` after the loop. Needs delta links on the server.
   * @example const round = company.customers.sync({ deltaLink }); for await (const c of round) …; save(round.deltaLink);
   */
  sync<const S extends readonly SelectableField<M>[] = never>(
    options?: Pick<QueryShape<M, S, {}>, "select" | "filter"> & SyncOptions,
  ): DeltaSyncIterator<Row<M, S, {}>>;
  /**
   * Bulk create (docs/batch.md#bulk-writes): `$batch` requests of ≤ 100, a few in flight; one outcome per item
   * (`ok`/`failed`/`unknown`/…), progress, abort and resume from a checkpoint.
   * @example const r = await company.items.createMany(rows, { onProgress: (p) => save(p.checkpoint) }); r.items[0]?.status
   */
  createMany(bodies: readonly M["create"][], options?: BulkOptions): Promise<BulkResult<M["entity"]>>;
  /** Bulk PATCH; each item names its key, fields and version (`etag`, `entity` or `ifMatch: "*"`). */
  updateMany(updates: readonly BulkUpdate<M["key"], M["update"]>[], options?: BulkOptions): Promise<BulkResult<M["entity"]>>;
  /** Reads many entities by key in `$batch` GETs (e.g. after webhook notifications); a missing one is `failed` with status 404. */
  getMany(keys: readonly M["key"][], options?: BulkOptions): Promise<BulkResult<M["entity"]>>;
  /** Bulk DELETE; each item names its key and version. */
  deleteMany(deletes: readonly BulkDelete<M["key"]>[], options?: BulkOptions): Promise<BulkResult<void>>;
}

export interface EntityOperations<M extends EntityModel> {
  toUrl(): string;
  get<const S extends readonly SelectableField<M>[] = never, const E extends ExpandOptions<M> = {}>(options?: GetOptions<M, S, E>): Promise<Row<M, S, E>>;
  /** PATCH with only the given fields and `If-Match` (see `ConcurrencyOptions`); resolves to the updated entity. */
  update(patch: M["update"], options?: ConcurrencyOptions): Promise<M["entity"]>;
  delete(options?: ConcurrencyOptions): Promise<void>;
}

/** An `Edm.Stream` property: `company.items.byId(id).picture.pictureContent`. */
export interface StreamClient {
  toUrl(): string;
  download(options?: ReadOptions): Promise<Uint8Array>;
  /** PATCH raw bytes (`application/octet-stream` unless `contentType`), with If-Match like `update`. */
  upload(content: Uint8Array | Blob, options?: ConcurrencyOptions & { readonly contentType?: string }): Promise<void>;
}

/** Options of a bound or unbound action call. */
export type ActionOptions = RequestOptions & { readonly etag?: string; readonly ifMatch?: "*" };

export type ActionMethod<A extends ActionModel> = {} extends A["params"]
  ? (params?: A["params"], options?: ActionOptions) => Promise<A["result"]>
  : (params: A["params"], options?: ActionOptions) => Promise<A["result"]>;

export type NavigationClients<M extends EntityModel> = {
  readonly [K in keyof M["navigation"]]: M["navigation"][K]["collection"] extends true
    ? EntitySetClient<M["navigation"][K]["target"]>
    : EntityClient<M["navigation"][K]["target"]>;
};

export type ActionMethods<M extends EntityModel> = { readonly [K in keyof M["actions"]]: ActionMethod<M["actions"][K]> };

export type StreamClients<M extends EntityModel> = { readonly [K in M["streams"]]: StreamClient };

/**
 * One entity (`customers.byId(id)`) or single-valued navigation (`items.byId(id).picture`): its
 * operations, navigation properties, bound actions and stream properties.
 *
 * @example
 * await company.salesOrders.byId(id).shipAndInvoice();   // POST …/salesOrders({id})/Microsoft.NAV.shipAndInvoice
 */
export type EntityClient<M extends EntityModel> = EntityOperations<M> & NavigationClients<M> & ActionMethods<M> & StreamClients<M>;
