import { ODataError } from "../errors/odata-error.js";
import { ODataDeltaUnsupportedError } from "../errors/odata-delta-unsupported-error.js";
import { unsafeRawFilter } from "../query/filter-expression.js";
import { planAdoption } from "./plan-adoption.js";
import { InMemorySubscriptionStore, type SubscriptionStore } from "./subscription-store.js";
import type { DeltaLinkStore, SubscriptionsApi, WatchedResource, WebhookChange, WebhookNotification, WebhookSubscription } from "./webhook-types.js";

export interface SubscriptionManagerOptions<T> {
  readonly subscriptions: SubscriptionsApi;
  /** Your receiver; BC calls it with `validationToken` on create and on every renewal. */
  readonly notificationUrl: string;
  /** A secret of yours, sent with every notification; notifications without it are dropped. */
  readonly clientState: string;
  readonly resources: readonly WatchedResource<T>[];
  /** Changes, one by one, after `handle()` resolved a notification (entities read in `$batch`es). */
  readonly onChange: (change: WebhookChange<T>) => Promise<void> | void;
  /** Renew when fewer than this many ms remain (default 24 h; BC subscriptions live 3 days). */
  readonly renewBeforeInMs?: number;
  /** Injected time source (default `Date.now`). */
  readonly now?: () => number;
  /** Delta links for `collection` notifications; default in memory. */
  readonly deltaLinks?: DeltaLinkStore;
  /** Where subscriptions are kept across restarts (default in memory); see `SubscriptionStore`. */
  readonly store?: SubscriptionStore;
}

export interface HandleResult {
  readonly accepted: number;
  /** Entries dropped because their `clientState` or `subscriptionId` is not ours. */
  readonly rejected: number;
}

/**
 * Keeps BC webhook subscriptions alive and turns notifications into changes:
 *
 *   const manager = new SubscriptionManager({ subscriptions: bc.subscriptions, notificationUrl, clientState,
 *     resources: [{ resource: `api/v2.0/companies(${id})/customers`, set: company.customers }], onChange });
 *   await manager.start();                // adopt existing subscriptions (BC's list, the store), renew them
 *   await manager.maintain();             // hourly: create missing, renew those expiring within 24 h, re-create after 404
 *   await manager.handle(await body());   // in the receiver, after answering 200
 *
 * On start it lists BC's subscriptions (`GET …/subscriptions`) and, per watched resource, renews one to
 * the same `notificationUrl` instead of creating another; further ones (duplicates, an old clientState)
 * are deleted. `store` keeps them across restarts (and is the source when the API cannot list).
 * `created`/`updated` entries are read with `getMany` (batched GETs; a 404 there means deleted meanwhile),
 * `deleted` ones become deletes, and `collection` (BC's "too many changes") runs a delta sync round.
 */
export class SubscriptionManager<T> {
  readonly #options: SubscriptionManagerOptions<T>;
  readonly #byResource = new Map<string, WebhookSubscription>();
  readonly #store: SubscriptionStore;
  #adopted = false;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #links = new Map<string, string>();
  readonly #noDelta = new Set<string>();

  constructor(options: SubscriptionManagerOptions<T>) {
    this.#options = options;
    this.#store = options.store ?? new InMemorySubscriptionStore();
  }

  /** The subscriptions currently held, by resource (without their clientState). */
  get subscriptions(): readonly WebhookSubscription[] {
    return [...this.#byResource.values()];
  }

  /**
   * The first `maintain()`, by its name: adopts the subscriptions that already exist (BC's list, the
   * store) and renews them, then creates the missing ones. Call it before handling notifications.
   */
  start(): Promise<void> {
    return this.maintain();
  }

  /**
   * Creates missing subscriptions and renews the ones that expire within `renewBeforeInMs`; the first
   * call (again after a failed one) adopts existing subscriptions first. Call it every hour or so.
   * Calls run one after the other, so overlapping calls do not subscribe twice.
   */
  maintain(): Promise<void> {
    const run = this.#queue.then(async () => {
      if (!this.#adopted) {
        await this.#adopt();
        this.#adopted = true;
      }
      await this.#maintainNow();
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #adopt(): Promise<void> {
    const { notificationUrl, clientState, subscriptions } = this.#options;
    const stored = await this.#store.load();
    let server: WebhookSubscription[] | undefined;
    if (subscriptions.list !== undefined) {
      server = [];
      for await (const s of subscriptions.list()) server.push(s);
    }
    const plan = planAdoption(this.#options.resources.map((r) => r.resource), notificationUrl, clientState, stored, server);
    for (const id of plan.forget) await this.#store.delete(id);
    for (const extra of plan.remove) await this.#delete(extra);
    // Renewed at once: that checks it still exists (a stored one may be gone) and restarts its 3 days.
    for (const [resource, existing] of plan.adopt) await this.#renew(resource, withoutSecret(existing));
  }

  async #maintainNow(): Promise<void> {
    const now = (this.#options.now ?? Date.now)();
    const margin = this.#options.renewBeforeInMs ?? 24 * 3_600_000;
    for (const { resource } of this.#options.resources) {
      const held = this.#byResource.get(resource);
      if (held === undefined) await this.#create(resource);
      // An unreadable or missing expiry counts as due.
      else if (!(Date.parse(held.expirationDateTime ?? "") - now > margin)) await this.#renew(resource, held);
    }
  }

  async #create(resource: string): Promise<void> {
    const { notificationUrl, clientState } = this.#options;
    await this.#hold(resource, await this.#options.subscriptions.create({ notificationUrl, resource, clientState }));
  }

  async #renew(resource: string, held: WebhookSubscription): Promise<void> {
    let renewed: WebhookSubscription;
    try {
      // PATCH with If-Match; BC re-runs the handshake and moves the expiry 3 days on.
      renewed = await this.#options.subscriptions.byId(held.subscriptionId).update({ notificationUrl: this.#options.notificationUrl }, { entity: held });
    } catch (error) {
      // Expired, or deleted by BC after failed deliveries: subscribe again.
      if (!(error instanceof ODataError) || error.status !== 404) throw error;
      this.#byResource.delete(resource);
      await this.#store.delete(held.subscriptionId);
      return this.#create(resource);
    }
    await this.#hold(resource, renewed);
  }

  /** Holds a subscription BC answered with (its clientState left out) and stores it. */
  async #hold(resource: string, answered: WebhookSubscription): Promise<void> {
    const held = withoutSecret(answered);
    this.#byResource.set(resource, held);
    const { notificationUrl, clientState } = this.#options;
    await this.#store.save({ id: held.subscriptionId, resource, notificationUrl, clientState, expirationDateTime: held.expirationDateTime, etag: held["@odata.etag"] });
  }

  /** Deletes a subscription on BC (already gone is fine) and in the store. */
  async #delete(subscription: WebhookSubscription): Promise<void> {
    await this.#options.subscriptions.byId(subscription.subscriptionId).delete({ entity: subscription }).catch((error: unknown) => {
      if (!(error instanceof ODataError) || error.status !== 404) throw error;
    });
    await this.#store.delete(subscription.subscriptionId);
  }

  /** Deletes every held subscription, on BC and in the store (shutdown for good; a restart needs none of this). */
  async unsubscribe(): Promise<void> {
    for (const [resource, held] of this.#byResource) {
      await this.#delete(held);
      this.#byResource.delete(resource);
    }
  }

  /** Resolves a notification POST body (`{"value":[…]}`) into `onChange` calls. */
  async handle(body: { readonly value?: readonly WebhookNotification[] }): Promise<HandleResult> {
    const ours = new Set([...this.#byResource.values()].map((s) => s.subscriptionId));
    const entries = body.value ?? [];
    const valid = entries.filter((n) => n.clientState === this.#options.clientState && ours.has(n.subscriptionId));
    for (const watched of this.#options.resources) {
      const mine = valid.filter((n) => collectionOf(n.resource).endsWith(watched.resource.replace(/^\/+/, "")));
      if (mine.length === 0) continue;
      const collection = mine.find((n) => n.changeType === "collection");
      if (collection !== undefined) {
        await this.#syncRound(watched, collection.resource);
        continue;
      }
      const deleted = new Set(mine.filter((n) => n.changeType === "deleted").map((n) => keyOf(n.resource)));
      const changed = [...new Set(mine.filter((n) => n.changeType !== "deleted").map((n) => keyOf(n.resource)))].filter((id) => !deleted.has(id));
      if (changed.length > 0) {
        const read = await watched.set.getMany(changed);
        for (const item of read.items) {
          if (item.status === "ok") await this.#options.onChange({ kind: "upsert", entity: item.value as T, resource: watched.resource });
          else if (item.status === "failed" && (item.error as { status?: number }).status === 404) deleted.add(changed[item.index]!);
          else if (item.status === "failed" || item.status === "unknown") throw item.error;
        }
      }
      for (const id of deleted) await this.#options.onChange({ kind: "delete", id, resource: watched.resource });
    }
    return { accepted: valid.length, rejected: entries.length - valid.length };
  }

  async #syncRound(watched: WatchedResource<T>, notified: string): Promise<void> {
    if (this.#noDelta.has(watched.resource)) return this.#listChanged(watched, notified);
    const store = this.#options.deltaLinks;
    const deltaLink = store ? await store.load(watched.resource) : this.#links.get(watched.resource);
    const round = watched.set.sync({ deltaLink, onExpired: "rebaseline" });
    try {
      for await (const change of round) await this.#options.onChange({ ...change, resource: watched.resource });
    } catch (error) {
      // BC online (v24+): no delta links. Thrown before anything was yielded; fall back for good.
      if (!(error instanceof ODataDeltaUnsupportedError)) throw error;
      this.#noDelta.add(watched.resource);
      return this.#listChanged(watched, notified);
    }
    if (round.deltaLink === undefined) return;
    if (store) await store.save(watched.resource, round.deltaLink);
    else this.#links.set(watched.resource, round.deltaLink);
  }

  /**
   * Without delta links: the records BC names by the notification's `lastModifiedDateTime gt …` filter,
   * as upserts. Deletions inside a `collection` window are not seen. (BC sends no filter for entities
   * without `lastModifiedDateTime`; then there is nothing to narrow the read to, and this throws.)
   */
  async #listChanged(watched: WatchedResource<T>, notified: string): Promise<void> {
    const filter = notifiedFilter(notified);
    if (filter === undefined) throw new ODataDeltaUnsupportedError(notified, "a collection notification without $filter, and no delta links to fall back on");
    for await (const entity of watched.set.list({ filter: unsafeRawFilter(filter) })) await this.#options.onChange({ kind: "upsert", entity, resource: watched.resource });
  }
}

/** A held copy without `clientState`: `subscriptions` can then be logged without leaking the secret. */
function withoutSecret(s: WebhookSubscription): WebhookSubscription {
  return { subscriptionId: s.subscriptionId, notificationUrl: s.notificationUrl, resource: s.resource, expirationDateTime: s.expirationDateTime, ...(s["@odata.etag"] === undefined ? {} : { "@odata.etag": s["@odata.etag"] }) };
}

/** The `$filter` of a `collection` notification's resource (`…/customers?$filter=lastModifiedDateTime%20gt%20…`), decoded. */
function notifiedFilter(resource: string): string | undefined {
  const query = resource.split("?")[1];
  return query === undefined ? undefined : (new URLSearchParams(query).get("$filter") ?? undefined);
}

/** `api/v2.0/companies(…)/customers(5c1…)` → `api/v2.0/companies(…)/customers`; a collection URL loses its query. */
function collectionOf(resource: string): string {
  const path = resource.split("?")[0]!.replace(/^https?:\/\/[^/]+/, "").replace(/^\/+/, "");
  return /\([^()]*\)$/.test(path) && !/companies\([^()]*\)$/.test(path) ? path.replace(/\([^()]*\)$/, "") : path;
}

function keyOf(resource: string): string {
  const m = /\(([^()]*)\)$/.exec(resource.split("?")[0]!);
  return m ? m[1]!.replace(/^'|'$/g, "") : "";
}
