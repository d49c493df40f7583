/**
 * A subscription as the manager persists it (plain JSON). `clientState` is the secret BC echoes in
 * every notification: store it like a password (encrypted column, secret store), never in logs.
 */
export interface StoredSubscription {
  /** BC's `subscriptionId`. */
  readonly id: string;
  /** The watched collection, as configured in the manager's `resources`. */
  readonly resource: string;
  readonly notificationUrl: string;
  readonly clientState: string;
  /** ISO date-time; null when BC sent none (treated as due for renewal). */
  readonly expirationDateTime: string | null;
  /** The ETag the next renewal or delete sends as If-Match. */
  readonly etag: string | undefined;
}

/**
 * Where a `SubscriptionManager` keeps its subscriptions between process restarts, so a restarted
 * process renews what it created instead of subscribing again (and leaving the old ones to expire).
 * Implement it on your database; the manager calls `load` once (on its first `start`/`maintain`),
 * `save` after every create and renewal, `delete` when a subscription is gone or was removed.
 *
 * @example
 * const store: SubscriptionStore = {
 *   load: async () => (await db.query("select doc from bc_subscriptions")).rows.map((r) => r.doc),
 *   save: async (s) => void (await db.query("insert into bc_subscriptions (id, doc) values ($1, $2) on conflict (id) do update set doc = $2", [s.id, s])),
 *   delete: async (id) => void (await db.query("delete from bc_subscriptions where id = $1", [id])),
 * };
 */
export interface SubscriptionStore {
  load(): Promise<readonly StoredSubscription[]>;
  save(subscription: StoredSubscription): Promise<void>;
  delete(id: string): Promise<void>;
}

/** The default store: in memory, so it survives nothing (adoption from BC's list still avoids duplicates). */
export class InMemorySubscriptionStore implements SubscriptionStore {
  readonly #byId = new Map<string, StoredSubscription>();

  async load(): Promise<readonly StoredSubscription[]> {
    return [...this.#byId.values()];
  }

  async save(subscription: StoredSubscription): Promise<void> {
    this.#byId.set(subscription.id, subscription);
  }

  async delete(id: string): Promise<void> {
    this.#byId.delete(id);
  }
}
