// SubscriptionManager (@bcts/odata) against the emulator and the sample receiver, with an injected clock:
// create, no renewal while far from expiry, renewal (PATCH + handshake) when close, re-creation after 404,
// clientState checks, notifications resolved into batched GETs, `collection` into delta sync rounds.
import { cronusCompanyId } from "@bcts/emulator";
import { SubscriptionManager, type WebhookChange, type WebhookNotification } from "@bcts/odata";
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
});
