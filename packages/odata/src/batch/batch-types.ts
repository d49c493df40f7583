import type { EntitySetDescriptor, SetScope } from "../model/descriptors.js";
import type { ActionModel, EntityModel } from "../model/entity-model.js";
import type { ExpandOptions, NoExtraKeys, QueryShape, Row, SelectableField } from "../query/query-options.js";
import type { ODataError } from "../errors/odata-error.js";
import type { ModelOf } from "../client/create-odata-client.js";
import type { RequestOptions } from "../client/request-options.js";

/** BC's limit per `$batch` request; larger non-atomic batches are split. */
export const MAX_BATCH_OPERATIONS = 100;

/** One request of a JSON `$batch` (relative URL), and how its answer becomes a typed value. */
export class BatchOperation<T> {
  declare readonly __result?: T;
  readonly request: { readonly method: "GET" | "POST" | "PATCH" | "DELETE"; readonly url: string; readonly headers: Readonly<Record<string, string>>; readonly body: unknown };
  readonly decode: (body: unknown) => T;

  constructor(request: BatchOperation<T>["request"], decode: (body: unknown) => T) {
    this.request = request;
    this.decode = decode;
  }
}

/** In a batch the ETag must be known up front (there is no GET-first). */
export type BatchConcurrency = { readonly etag: string } | { readonly entity: { readonly "@odata.etag"?: string } } | { readonly ifMatch: "*" };

export interface BatchEntityOperations<M extends EntityModel> {
  get<const S extends readonly SelectableField<M>[] = never, const E extends ExpandOptions<M> = {}>(options?: { readonly select?: S; readonly expand?: E & ExpandOptions<M> & NoExtraKeys<E, M["navigation"]> }): BatchOperation<Row<M, S, E>>;
  update(patch: M["update"], options: BatchConcurrency): BatchOperation<M["entity"]>;
  delete(options: BatchConcurrency): BatchOperation<void>;
}

/** A bound action inside a batch: `b.salesOrders.byId(id).shipAndInvoice()` → POST `salesOrders({id})/Microsoft.NAV.shipAndInvoice`. */
export type BatchActionMethod<A extends ActionModel> = {} extends A["params"]
  ? (params?: A["params"], options?: { readonly etag?: string; readonly ifMatch?: "*" }) => BatchOperation<A["result"]>
  : (params: A["params"], options?: { readonly etag?: string; readonly ifMatch?: "*" }) => BatchOperation<A["result"]>;

/** One entity in a batch: get/update/delete and its bound actions (names that clash with those three are left out). */
export type BatchEntityClient<M extends EntityModel> = BatchEntityOperations<M> & {
  readonly [K in Exclude<keyof M["actions"], keyof BatchEntityOperations<M>>]: BatchActionMethod<M["actions"][K]>;
};

export interface BatchSetClient<M extends EntityModel> {
  create(body: M["create"]): BatchOperation<M["entity"]>;
  byId(key: M["key"]): BatchEntityClient<M>;
  /** First page only. */
  list<const S extends readonly SelectableField<M>[] = never, const E extends ExpandOptions<M> = {}>(options?: QueryShape<M, S, E>): BatchOperation<Row<M, S, E>[]>;
}

export type BatchSets<TSets extends Readonly<Record<string, EntitySetDescriptor<any, SetScope>>>, S extends SetScope> = {
  readonly [K in keyof TSets as TSets[K]["scope"] extends S ? K : never]: BatchSetClient<ModelOf<TSets[K]>>;
};

export interface BatchOptions extends RequestOptions {
  /**
   * `true`: one request, all or nothing; any failed operation rejects with `ODataBatchError` even where
   * the server reports inner 201s (they were rolled back). How it is asked for depends on the route's
   * dialect: `business-central` sends `Isolation: snapshot` (BC's way); `odata` puts every operation in
   * one `atomicityGroup` (the JSON batch format's way). At most 100 operations.
   * `false` (default): independent operations, split into requests of 100; resolves to per-operation results.
   */
  readonly atomic?: boolean;
}

export type BatchSettledResult<T> =
  | { readonly ok: true; readonly status: number; readonly value: T; readonly headers: Readonly<Record<string, string>> }
  | { readonly ok: false; readonly status: number; readonly error: ODataError };

export type BatchValues<Ops extends readonly BatchOperation<unknown>[]> = { -readonly [I in keyof Ops]: Ops[I] extends BatchOperation<infer T> ? T : never };
export type BatchSettled<Ops extends readonly BatchOperation<unknown>[]> = {
  -readonly [I in keyof Ops]: Ops[I] extends BatchOperation<infer T> ? BatchSettledResult<T> : never;
};

/**
 * @example
 * const [a, b] = await company.batch((b) => [b.customers.create({ displayName: "A" }), b.customers.create({ displayName: "B" })], { atomic: true });
 * // POST …/api/v2.0/$batch  Isolation: snapshot  {"requests":[{"id":"1","method":"POST","url":"companies(…)/customers",…},…]}
 */
export interface BatchFunction<TSets extends Readonly<Record<string, EntitySetDescriptor<any, SetScope>>>, S extends SetScope> {
  <const Ops extends readonly BatchOperation<unknown>[]>(build: (b: BatchSets<TSets, S>) => Ops, options: BatchOptions & { readonly atomic: true }): Promise<BatchValues<Ops>>;
  <const Ops extends readonly BatchOperation<unknown>[]>(build: (b: BatchSets<TSets, S>) => Ops, options?: BatchOptions & { readonly atomic?: false }): Promise<BatchSettled<Ops>>;
}
