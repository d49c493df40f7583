import type { EntityModel, NavigationModel } from "../model/entity-model.js";
import type { FilterableField, FilterInput } from "./filter-types.js";

/** Fields of the read shape that `$select` can name (annotations such as `@odata.etag` excluded). */
export type SelectableField<M extends EntityModel> = Exclude<keyof M["entity"], `@${string}`> & string;

/** `"displayName"`, `"displayName asc"` or `"displayName desc"`. */
export type OrderByItem<M extends EntityModel> = FilterableField<M> | `${FilterableField<M>} ${"asc" | "desc"}`;

/** Options shared by a top-level query and an `$expand` item. */
export interface QueryShape<M extends EntityModel, S extends readonly SelectableField<M>[], E extends ExpandOptions<M>> {
  /** `$select`; narrows the result type to these fields (plus `@odata.etag`). */
  readonly select?: S;
  /** `$filter`, typed per Edm type: `(f) => f.balanceDue.gt(0)`. */
  readonly filter?: FilterInput<M>;
  /** `$orderby`: `["displayName", "balanceDue desc"]`. */
  readonly orderBy?: readonly OrderByItem<M>[];
  readonly top?: number;
  readonly skip?: number;
  /** `$count=true`: the total is reported on each page (`page.count`). */
  readonly count?: boolean;
  /** `$expand`, typed by navigation: `{ salesOrderLines: { select: ["sequence"], top: 5 }, customer: true }`. */
  readonly expand?: E & ExpandOptions<M> & NoExtraKeys<E, M["navigation"]>;
}

/** Rejects keys of `E` that are not navigation properties (excess-property checks do not reach inferred generics). */
export type NoExtraKeys<E, N> = { readonly [K in Exclude<keyof E, keyof N>]: never };

/** Nested options of one `$expand` item (same shape, inferred as the user writes it). */
export interface NestedQuery<T extends EntityModel> {
  readonly select?: readonly SelectableField<T>[];
  readonly filter?: FilterInput<T>;
  readonly orderBy?: readonly OrderByItem<T>[];
  readonly top?: number;
  readonly skip?: number;
  readonly count?: boolean;
  readonly expand?: ExpandOptions<T>;
}

export type ExpandOptions<M extends EntityModel> = {
  readonly [K in keyof M["navigation"]]?: true | NestedQuery<M["navigation"][K]["target"]>;
};

type Etag<T> = "@odata.etag" & keyof T;

/** Read shape narrowed by a selection; `never` (nothing selected) means every field. */
export type Selected<M extends EntityModel, S extends readonly string[]> = [S] extends [never]
  ? M["entity"]
  : Pick<M["entity"], (S[number] & keyof M["entity"]) | Etag<M["entity"]>>;

type ExpandedItem<T extends EntityModel, O> = (O extends { readonly select: infer S extends readonly string[] } ? Selected<T, S> : T["entity"]) &
  (O extends { readonly expand: infer E } ? Expanded<T, E> : unknown);

type ExpandedNavigation<N extends NavigationModel, O> = N["collection"] extends true
  ? ExpandedItem<N["target"], O>[]
  : ExpandedItem<N["target"], O> | null;

/** What `$expand` adds to each row: arrays for collections, object-or-null for single navigations. */
export type Expanded<M extends EntityModel, E> = {
  readonly [K in keyof E & keyof M["navigation"]]: ExpandedNavigation<M["navigation"][K], E[K]>;
};

/** One row of a query result. */
export type Row<M extends EntityModel, S extends readonly string[], E> = [keyof E] extends [never] ? Selected<M, S> : Selected<M, S> & Expanded<M, E>;
