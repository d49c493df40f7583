import type { DeltaChange } from "../delta/delta-change.js";
import type { DeltaSyncIterator, SyncOptions } from "../delta/sync-changes.js";
import type { BulkResult } from "../bulk/bulk-types.js";
import type { FilterExpression } from "../query/filter-expression.js";

/** A subscription as BC returns it (`…/api/v2.0/subscriptions`). */
export interface WebhookSubscription {
  readonly subscriptionId: string;
  readonly notificationUrl: string;
  readonly resource: string;
  readonly clientState?: string | null;
  /** Null is treated as "expired" (renew now). */
  readonly expirationDateTime: string | null;
  readonly "@odata.etag"?: string;
}

/** The route-level `subscriptions` set, e.g. `bc.subscriptions` of the generated client (structurally). */
export interface SubscriptionsApi {
  /** `GET …/subscriptions`: the manager adopts existing subscriptions from it on start. Without it, only its store is consulted. */
  list?(): AsyncIterable<WebhookSubscription>;
  create(body: { readonly notificationUrl: string; readonly resource: string; readonly clientState: string }): Promise<WebhookSubscription>;
  byId(id: string): {
    update(patch: { readonly notificationUrl: string }, options: { readonly entity: { readonly "@odata.etag"?: string } }): Promise<WebhookSubscription>;
    delete(options: { readonly entity: { readonly "@odata.etag"?: string } }): Promise<void>;
  };
}

/** The collection a subscription watches, as a client that can read its records: e.g. `company.customers`. */
export interface WatchedSet<T> {
  getMany(ids: readonly string[]): Promise<BulkResult<T>>;
  sync(options: SyncOptions): DeltaSyncIterator<T>;
  /** For `collection` notifications where the server has no delta links (BC online): the records the notification's `$filter` names. */
  list(options: { readonly filter: FilterExpression<never> }): AsyncIterable<T>;
}

export interface WatchedResource<T = unknown> {
  /** The subscription's `resource`, e.g. `api/v2.0/companies(…)/customers`. */
  readonly resource: string;
  readonly set: WatchedSet<T>;
}

/** A change the manager hands to `onChange`: what changed, and in which watched resource. */
export type WebhookChange<T> = DeltaChange<T> & { readonly resource: string };

/** One entry of a notification POST's `value`. */
export interface WebhookNotification {
  readonly subscriptionId: string;
  readonly clientState?: string | null;
  readonly expirationDateTime?: string;
  readonly resource: string;
  readonly changeType: "created" | "updated" | "deleted" | "collection" | string;
  readonly lastModifiedDateTime?: string;
}

/** Where delta links of `collection` notifications are kept between rounds (per resource). */
export interface DeltaLinkStore {
  load(resource: string): Promise<string | undefined>;
  save(resource: string, deltaLink: string): Promise<void>;
}
