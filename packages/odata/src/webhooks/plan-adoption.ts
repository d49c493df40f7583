import type { StoredSubscription } from "./subscription-store.js";
import type { WebhookSubscription } from "./webhook-types.js";

/** What a starting `SubscriptionManager` does with the subscriptions that already exist. */
export interface AdoptionPlan {
  /** Per watched resource (as configured): the existing subscription to renew instead of creating one. */
  readonly adopt: ReadonlyMap<string, WebhookSubscription>;
  /** Further subscriptions of a watched resource to the same URL (duplicates, or another clientState): to delete on BC. */
  readonly remove: readonly WebhookSubscription[];
  /** Stored ids BC no longer lists (expired, or deleted after failed deliveries): to forget. */
  readonly forget: readonly string[];
}

/**
 * Decides, per watched resource, which existing subscription to the manager's `notificationUrl` it
 * takes over. The source is BC's list when there is one (`server`), else the store. Of several, it keeps
 * one the store knows, else the one that expires last; the others go. A subscription BC reports with a
 * different clientState (rotated secret) is removed rather than adopted: its notifications would be
 * rejected, and whether a renewal PATCH may change clientState is not documented.
 *
 * @example
 * planAdoption(["api/v2.0/companies(c1)/customers"], "https://hooks.contoso.com/bc", "s3cret", [], listed)
 * // → { adopt: Map { "api/v2.0/companies(c1)/customers" → { subscriptionId: "9f…", … } }, remove: [ { subscriptionId: "a1…" } ], forget: [] }
 */
export function planAdoption(
  resources: readonly string[],
  notificationUrl: string,
  clientState: string,
  stored: readonly StoredSubscription[],
  server: readonly WebhookSubscription[] | undefined,
): AdoptionPlan {
  const known = new Set(stored.map((s) => s.id));
  const existing = server ?? stored.map(fromStored);
  const listed = new Set(existing.map((s) => s.subscriptionId));
  const adopt = new Map<string, WebhookSubscription>();
  const remove: WebhookSubscription[] = [];
  for (const resource of resources) {
    const mine = existing.filter((s) => s.notificationUrl === notificationUrl && sameResource(s.resource, resource));
    const adoptable = mine.filter((s) => s.clientState === undefined || s.clientState === null || s.clientState === clientState);
    const [keep] = [...adoptable].sort((a, b) => Number(known.has(b.subscriptionId)) - Number(known.has(a.subscriptionId)) || expiry(b) - expiry(a));
    if (keep !== undefined) adopt.set(resource, keep);
    remove.push(...mine.filter((s) => s !== keep));
  }
  return { adopt, remove, forget: stored.filter((s) => !listed.has(s.id)).map((s) => s.id) };
}

/** `/api/v2.0/companies(…)/customers`, `https://host/…/api/v2.0/companies(…)/customers` and `api/v2.0/…` name the same collection. */
export function sameResource(a: string, b: string): boolean {
  const x = normalized(a);
  const y = normalized(b);
  return x === y || x.endsWith(`/${y}`) || y.endsWith(`/${x}`);
}

function normalized(resource: string): string {
  return resource.split("?")[0]!.replace(/^https?:\/\/[^/]+/i, "").replace(/^\/+|\/+$/g, "").toLowerCase();
}

function expiry(s: WebhookSubscription): number {
  const at = Date.parse(s.expirationDateTime ?? "");
  return Number.isNaN(at) ? 0 : at;
}

function fromStored(s: StoredSubscription): WebhookSubscription {
  return { subscriptionId: s.id, notificationUrl: s.notificationUrl, resource: s.resource, clientState: s.clientState, expirationDateTime: s.expirationDateTime, ...(s.etag === undefined ? {} : { "@odata.etag": s.etag }) };
}
