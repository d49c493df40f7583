import type { EntityTypeDescriptor } from "../model/descriptors.js";
import { encodeKey } from "../query/encode-key.js";
import type { QueryNode } from "../query/nodes.js";
import { readHeaders, withQuery } from "./read-helpers.js";
import { toQueryNode, type RuntimeQueryOptions } from "../query/to-query-node.js";
import { createEntityClient } from "./entity-client-impl.js";
import { createPagedIterator, type Page, type PagedAsyncIterableIterator } from "./paged-iterator.js";
import type { RequestExecutor } from "./request-executor.js";
import type { ReadOptions, RequestOptions } from "./request-options.js";
import { assertSameOrigin, maxPageSizeApplied, resolveNextLink } from "./resolve-next-link.js";
import { createOrFind, type CreateOrFindOptions, type CreateOrFindResult } from "./create-or-find.js";
import { ODataQueryError } from "../errors/odata-query-error.js";
import type { FilterExpression } from "../query/filter-expression.js";
import { bodyParser, readCollection, readEntity, writeEntity } from "./value-io.js";
import type { BulkDelete, BulkOptions, BulkResult, BulkUpdate } from "../bulk/bulk-types.js";
import { syncChanges, type DeltaSyncIterator, type SyncOptions } from "../delta/sync-changes.js";

/** Runtime implementation of `EntitySetClient` (the interface carries the types). */
export class EntitySetClientImpl {
  readonly #executor: RequestExecutor;
  readonly #type: EntityTypeDescriptor;
  readonly #path: string;

  constructor(executor: RequestExecutor, type: EntityTypeDescriptor, path: string) {
    this.#executor = executor;
    this.#type = type;
    this.#path = path;
  }

  toUrl(): string {
    return `${this.#executor.serviceRoot}/${this.#path}`;
  }

  query(options?: RuntimeQueryOptions): EntityQueryImpl {
    return new EntityQueryImpl(this.#executor, this.#type, toQueryNode(this.#type, options), this.toUrl());
  }

  list(options?: RuntimeQueryOptions & ReadOptions & { maxPageSize?: number; maxPages?: number }): PagedAsyncIterableIterator<unknown> {
    return this.query(options).list(options);
  }

  byId(key: unknown) {
    return createEntityClient(this.#executor, this.#type, `${this.#path}${encodeKey(this.#type, key)}`);
  }

  async create(body: object, options?: RequestOptions): Promise<unknown> {
    const { data } = await this.#executor.send(
      { method: "POST", url: this.toUrl(), headers: { "Content-Type": "application/json" }, body: writeEntity(this.#type, body), parse: bodyParser(this.#type, "entity"), expect: "entity" },
      options,
    );
    return readEntity(this.#type, data);
  }

  /** Delta sync (docs/delta-sync.md): upserts and deletions since `deltaLink`, then `iterator.deltaLink`. */
  sync(options?: Pick<RuntimeQueryOptions, "select" | "filter"> & SyncOptions): DeltaSyncIterator<unknown> {
    const query = toQueryNode(this.#type, options === undefined ? undefined : { select: options.select, filter: options.filter });
    return syncChanges(this.#executor, this.#type, withQuery(this.toUrl(), query), options);
  }

  /** Bulk writes (docs/batch.md#bulk-writes): `$batch` chunks of ≤ 100, a few in flight, one outcome per item. */
  async createMany(bodies: readonly object[], options?: BulkOptions): Promise<BulkResult<unknown>> {
    const { runBulk } = await import("../bulk/run-bulk.js");
    return runBulk(this.#executor, this.#type, this.#path, bodies, (s, body) => s.create(body as object), options);
  }

  async updateMany(updates: readonly BulkUpdate<unknown, object>[], options?: BulkOptions): Promise<BulkResult<unknown>> {
    const { runBulk } = await import("../bulk/run-bulk.js");
    return runBulk(this.#executor, this.#type, this.#path, updates, (s, u) => s.byId((u as BulkUpdate<unknown, object>).key).update((u as BulkUpdate<unknown, object>).patch, u), withoutLookup(options));
  }

  async getMany(keys: readonly unknown[], options?: BulkOptions): Promise<BulkResult<unknown>> {
    const { runBulk } = await import("../bulk/run-bulk.js");
    return runBulk(this.#executor, this.#type, this.#path, keys, (s, key) => s.byId(key).get(), withoutLookup(options));
  }

  async deleteMany(deletes: readonly BulkDelete<unknown>[], options?: BulkOptions): Promise<BulkResult<void>> {
    const { runBulk } = await import("../bulk/run-bulk.js");
    return runBulk(this.#executor, this.#type, this.#path, deletes, (s, d) => s.byId((d as BulkDelete<unknown>).key).delete(d), withoutLookup(options));
  }

  /** See `createOrFind`: create unless a record with the same alternate key exists; no duplicates after lost answers. */
  createOrFind(body: object, options: CreateOrFindOptions): Promise<CreateOrFindResult<unknown>> {
    return createOrFind({ toUrl: () => this.toUrl(), create: (b, o) => this.create(b, o), findByKey: (k, v, o) => this.#findByKey(k, v, o) }, body, options);
  }

  async #findByKey(key: string, value: unknown, options: RequestOptions): Promise<readonly unknown[]> {
    if (!Object.hasOwn(this.#type.properties, key)) {
      throw new ODataQueryError(`${this.#type.name} has no property "${key}" to look records up by.`, `Pass a property name of ${this.#type.name} as key. Nothing was sent.`);
    }
    // Never Data-Access-Intent: ReadOnly here: a replica may not have the record the lost attempt created yet.
    const filter = (f: Record<string, { eq(v: unknown): FilterExpression<string> }>) => f[key]!.eq(value);
    const rows: unknown[] = [];
    for await (const row of this.query({ filter: filter as never, top: 2 }).list(options)) rows.push(row);
    return rows;
  }
}

/** `lookupKey` resolves unknown creates; for other bulk writes a found record proves nothing. */
function withoutLookup(options: BulkOptions | undefined): BulkOptions | undefined {
  if (options?.lookupKey === undefined) return options;
  const { lookupKey: _, ...rest } = options;
  return rest;
}

export class EntityQueryImpl {
  readonly node: QueryNode;
  readonly #executor: RequestExecutor;
  readonly #type: EntityTypeDescriptor;
  readonly #base: string;

  constructor(executor: RequestExecutor, type: EntityTypeDescriptor, node: QueryNode, base: string) {
    this.#executor = executor;
    this.#type = type;
    this.node = node;
    this.#base = base;
  }

  toUrl(): string {
    return withQuery(this.#base, this.node);
  }

  list(options?: ReadOptions & { maxPageSize?: number; maxPages?: number }): PagedAsyncIterableIterator<unknown> {
    const first = this.toUrl();
    const origin = this.#executor.origin;
    return createPagedIterator(
      async (token, maxPageSize): Promise<Page<unknown>> => {
        if (token !== undefined) assertSameOrigin(token, origin);
        const { data, info } = await this.#executor.send({ method: "GET", url: token ?? first, headers: readHeaders(options, maxPageSize), parse: bodyParser(this.#type, "collection"), expect: "collection" }, options);
        const body = readCollection(this.#type, data) as { value?: unknown[]; "@odata.count"?: number; "@odata.context"?: unknown };
        const next = info.nextLink === undefined ? undefined : resolveNextLink(info.nextLink, body["@odata.context"], info.url);
        const applied = maxPageSize === undefined ? undefined : maxPageSizeApplied(info.headers);
        return { value: body.value ?? [], continuationToken: next, count: body["@odata.count"], response: info, maxPageSizeApplied: applied };
      },
      options?.maxPageSize,
      options?.maxPages,
    );
  }
}
