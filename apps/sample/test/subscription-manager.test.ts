// SubscriptionManager (@bcts/odata) against the emulator and the sample receiver, with an injected clock:
// create, no renewal while far from expiry, renewal (PATCH + handshake) when close, re-creation after 404,
// clientState checks, notifications resolved into batched GETs, `collection` into delta sync rounds;
// adoption on start (a restarted manager renews instead of subscribing again; duplicates go) with a store.
import { cronusCompanyId } from "@bcts/emulator";
import { InMemorySubscriptionStore, SubscriptionManager, type StoredSubscription, type SubscriptionsApi, type WebhookChange, type WebhookNotification, type WebhookSubscription } from "@bcts/odata";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { clientFor } from "../src/company.js";
import { resolveTarget, type Target } from "../src/target.js";
import { startWebhookReceiver, type WebhookReceiver } from "../src/webhook-receiver.js";

let target: Target;
let receiver: WebhookReceiver;
beforeAll(async () => {
  target = await resolveTarget({}, { emulator: { bc: { webhooks: { delayMs: 50 }, changeTracking: { enabled: true } } } });
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await target?.close();
});

describe("SubscriptionManager", () => {
  test("creates, renews near expiry with a handshake, re-creates after 404, resolves notifications", { timeout: 30_000 }, async () => {
    const bc = clientFor(target);
    const company = bc.company(cronusCompanyId);
    const resource = `api/v2.0/companies(${cronusCompanyId})/customers`;
    let now = Date.now();
    const changes: WebhookChange<{ id: string; displayName?: string | null }>[] = [];
    const manager = new SubscriptionManager({
      subscriptions: bc.subscriptions,
      notificationUrl: receiver.url,
      clientState: "s3cret-state",
      resources: [{ resource, set: company.customers }],
      now: () => now,
      renewBeforeInMs: 12 * 3_600_000,
      onChange: (c) => void changes.push(c),
    });

    await manager.maintain();
    expect(manager.subscriptions).toHaveLength(1);
    const created = manager.subscriptions[0]!;
    expect(receiver.handshakes).toHaveLength(1);

    now += 24 * 3_600_000; // 2 days left: nothing to do
    await manager.maintain();
    expect(receiver.handshakes).toHaveLength(1);

    now = Date.parse(created.expirationDateTime!) - 3_600_000; // 1 hour left: renew
    await manager.maintain();
    const renewed = manager.subscriptions[0]!;
    expect(receiver.handshakes).toHaveLength(2);
    expect(renewed.subscriptionId).toBe(created.subscriptionId);
    expect(renewed["@odata.etag"]).not.toBe(created["@odata.etag"]);

    // Gone on the server (expired, or deleted after failed deliveries): the renewal's 404 → subscribe again.
    await bc.subscriptions.byId(renewed.subscriptionId).delete({ ifMatch: "*" });
    now = Date.parse(renewed.expirationDateTime!) - 3_600_000;
    await manager.maintain();
    const recreated = manager.subscriptions[0]!;
    expect(recreated.subscriptionId).not.toBe(renewed.subscriptionId);

    // Real notifications: one create, one update, one delete.
    const a = await company.customers.create({ displayName: "webhook A" });
    const b = await company.customers.create({ displayName: "webhook B" });
    await receiver.waitFor((n) => n.resource.endsWith(`(${b.id})`), 5_000);
    await company.customers.byId(a.id).update({ displayName: "webhook A2" }, { entity: a });
    await company.customers.byId(b.id).delete({ ifMatch: "*" });
    await receiver.waitFor((n) => n.changeType === "deleted", 5_000);
    const forged = { ...receiver.notifications[0]!, clientState: "someone else" };
    const result = await manager.handle({ value: [...(receiver.notifications as WebhookNotification[]), forged] });
    expect(result.rejected).toBe(1);
    const upserts = changes.filter((c) => c.kind === "upsert").map((c) => (c as { entity: { id: string; displayName?: string | null } }).entity);
    expect(upserts.map((e) => [e.id, e.displayName])).toEqual([[a.id, "webhook A2"]]);
    expect(changes.filter((c) => c.kind === "delete").map((c) => (c as { id: string }).id)).toEqual([b.id]);

    // `collection`: the first becomes a baseline round, the next a delta round with only what changed.
    const collection = { subscriptionId: recreated.subscriptionId, clientState: "s3cret-state", resource: `${resource}?$filter=lastModifiedDateTime%20gt%202026-01-01T00:00:00Z`, changeType: "collection" };
    changes.length = 0;
    await manager.handle({ value: [collection] });
    const everyone = changes.length;
    expect(everyone).toBeGreaterThan(1);
    changes.length = 0;
    const c = await company.customers.create({ displayName: "webhook C" });
    await manager.handle({ value: [collection] });
    expect(changes).toEqual([expect.objectContaining({ kind: "upsert", resource, entity: expect.objectContaining({ id: c.id }) })]);
    await manager.unsubscribe();
    expect(manager.subscriptions).toHaveLength(0);
  });

  test("without delta links (BC online), a collection notification reads the records its lastModifiedDateTime filter names", { timeout: 30_000 }, async () => {
    const plain = await resolveTarget({}, { emulator: { bc: { webhooks: { delayMs: 50 } } } });
    try {
      const bc = clientFor(plain);
      const company = bc.company(cronusCompanyId);
      const resource = `api/v2.0/companies(${cronusCompanyId})/customers`;
      const changes: WebhookChange<{ id: string }>[] = [];
      const manager = new SubscriptionManager({ subscriptions: bc.subscriptions, notificationUrl: receiver.url, clientState: "s", resources: [{ resource, set: company.customers }], onChange: (c) => void changes.push(c) });
      await manager.maintain();
      const c = await company.customers.create({ displayName: "collection fallback" });
      const since = new Date(Date.parse(c.lastModifiedDateTime!) - 50).toISOString();
      const entry = { subscriptionId: manager.subscriptions[0]!.subscriptionId, clientState: "s", resource: `${resource}?$filter=lastModifiedDateTime%20gt%20${since}`, changeType: "collection" };
      await manager.handle({ value: [entry] });
      expect(changes.map((x) => [x.kind, (x as { entity?: { id: string } }).entity?.id])).toEqual([["upsert", c.id]]);
      await manager.unsubscribe();
    } finally {
      await plain.close();
    }
  });

  test("adopts on start: a restarted manager renews the stored subscription; duplicates and an old clientState's go; another URL's stays; a gone one is re-created", { timeout: 30_000 }, async () => {
    const bc = clientFor(target);
    const company = bc.company(cronusCompanyId);
    const resource = `api/v2.0/companies(${cronusCompanyId})/vendors`;
    const clientState = "adopt-s3cret";
    const store = new InMemorySubscriptionStore();
    const managerOf = (options: { store?: InMemorySubscriptionStore; subscriptions?: SubscriptionsApi } = {}) =>
      new SubscriptionManager({ subscriptions: options.subscriptions ?? bc.subscriptions, notificationUrl: receiver.url, clientState, store: options.store, resources: [{ resource, set: company.vendors }], onChange: () => undefined });
    const onServer = async (): Promise<WebhookSubscription[]> => {
      const all: WebhookSubscription[] = [];
      for await (const s of bc.subscriptions.list()) if (s.resource.endsWith("/vendors")) all.push(s);
      return all;
    };
    const stored = async (): Promise<readonly StoredSubscription[]> => store.load();

    const first = managerOf({ store });
    await Promise.all([first.start(), first.maintain()]); // overlapping calls run one after the other: one subscription
    expect(await onServer()).toHaveLength(1);
    const id = first.subscriptions[0]!.subscriptionId;
    expect((await stored()).map((s) => [s.id, s.resource, s.notificationUrl, s.clientState])).toEqual([[id, resource, receiver.url, clientState]]);
    expect(JSON.stringify(first.subscriptions)).not.toContain(clientState);

    // A restart: a new manager with the same store renews (handshake, PATCH) instead of creating.
    const handshakes = receiver.handshakes.length;
    const restarted = managerOf({ store });
    await restarted.start();
    expect(restarted.subscriptions.map((s) => s.subscriptionId)).toEqual([id]);
    expect(receiver.handshakes.length).toBe(handshakes + 1);
    expect((await onServer()).map((s) => s.subscriptionId)).toEqual([id]);
    expect((await stored())[0]!.etag).toBe(restarted.subscriptions[0]!["@odata.etag"]);
    // Notifications of the adopted subscription are the restarted manager's own.
    const deletedVendor = "00000000-0000-0000-0000-00000000beef";
    const entry = { subscriptionId: id, clientState, resource: `${resource}(${deletedVendor})`, changeType: "deleted" };
    expect(await restarted.handle({ value: [entry] })).toEqual({ accepted: 1, rejected: 0 });

    // Duplicates to the same URL, one with an old clientState, and one to another URL.
    const duplicate = await bc.subscriptions.create({ notificationUrl: receiver.url, resource, clientState });
    const rotated = await bc.subscriptions.create({ notificationUrl: receiver.url, resource, clientState: "old-secret" });
    const otherUrl = `${receiver.url}?tenant=other`;
    const foreign = await bc.subscriptions.create({ notificationUrl: otherUrl, resource, clientState: "theirs" });
    const third = managerOf({ store });
    await third.start();
    expect(third.subscriptions.map((s) => s.subscriptionId)).toEqual([id]); // the one the store knows, though the duplicate expires later
    const left = (await onServer()).map((s) => s.subscriptionId);
    expect(left.sort()).toEqual([id, foreign.subscriptionId].sort()); // the duplicate and the old clientState's were deleted
    expect(left).not.toContain(duplicate.subscriptionId);
    expect(left).not.toContain(rotated.subscriptionId);

    // Without a store (in memory, empty) the manager adopts from BC's list alone: still no second subscription.
    const unstored = managerOf();
    await unstored.start();
    expect(unstored.subscriptions.map((s) => s.subscriptionId)).toEqual([id]);

    // Gone on BC (expired, or deleted after failed deliveries) while the process was down: forgotten and re-created;
    // the same when the API cannot list (only the store is consulted: the renewal's 404 tells).
    await bc.subscriptions.byId(id).delete({ ifMatch: "*" });
    const afterExpiry = managerOf({ store });
    await afterExpiry.start();
    const recreated = afterExpiry.subscriptions[0]!.subscriptionId;
    expect(recreated).not.toBe(id);
    expect((await stored()).map((s) => s.id)).toEqual([recreated]);
    await bc.subscriptions.byId(recreated).delete({ ifMatch: "*" });
    const withoutList = { create: bc.subscriptions.create.bind(bc.subscriptions), byId: bc.subscriptions.byId.bind(bc.subscriptions) };
    const noList = managerOf({ store, subscriptions: withoutList });
    await noList.start();
    const again = noList.subscriptions[0]!.subscriptionId;
    expect(again).not.toBe(recreated);
    expect((await stored()).map((s) => s.id)).toEqual([again]);
    expect((await onServer()).map((s) => s.subscriptionId).sort()).toEqual([again, foreign.subscriptionId].sort());

    await noList.unsubscribe();
    expect(await stored()).toEqual([]);
    await bc.subscriptions.byId(foreign.subscriptionId).delete({ ifMatch: "*" });
  });
});
