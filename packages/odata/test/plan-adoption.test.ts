// planAdoption: which existing subscription a starting SubscriptionManager takes over, per watched resource.
import { describe, expect, it } from "vitest";
import { planAdoption, sameResource } from "../src/webhooks/plan-adoption.js";
import type { StoredSubscription } from "../src/webhooks/subscription-store.js";
import type { WebhookSubscription } from "../src/webhooks/webhook-types.js";

const url = "https://hooks.contoso.com/bc";
const customers = "api/v2.0/companies(c1)/customers";
const sub = (subscriptionId: string, over: Partial<WebhookSubscription> = {}): WebhookSubscription => ({
  subscriptionId, notificationUrl: url, resource: customers, clientState: "s", expirationDateTime: "2026-12-09T00:00:00Z", "@odata.etag": `W/"${subscriptionId}"`, ...over,
});
const stored = (id: string): StoredSubscription => ({ id, resource: customers, notificationUrl: url, clientState: "s", expirationDateTime: null, etag: undefined });

describe("planAdoption", () => {
  it("names the same collection however the resource is written", () => {
    expect(sameResource("/api/v2.0/companies(C1)/customers", customers)).toBe(true);
    expect(sameResource("https://api.businesscentral.dynamics.com/v2.0/t/production/api/v2.0/companies(c1)/customers", customers)).toBe(true);
    expect(sameResource("api/v2.0/companies(c1)/vendors", customers)).toBe(false);
    expect(sameResource("api/v2.0/companies(c2)/customers", customers)).toBe(false);
  });

  it("keeps the one the store knows over one that expires later; deletes the duplicates and an old clientState's; leaves other URLs alone; forgets stored ids BC no longer lists", () => {
    const server = [
      sub("known", { expirationDateTime: "2026-12-08T00:00:00Z" }),
      sub("later", { expirationDateTime: "2026-12-09T12:00:00Z" }),
      sub("rotated", { clientState: "old" }),
      sub("other-url", { notificationUrl: "https://elsewhere/bc" }),
      sub("other-resource", { resource: "api/v2.0/companies(c1)/vendors" }),
    ];
    const plan = planAdoption([customers], url, "s", [stored("known"), stored("gone")], server);
    expect([...plan.adopt].map(([r, s]) => [r, s.subscriptionId])).toEqual([[customers, "known"]]);
    expect(plan.remove.map((s) => s.subscriptionId).sort()).toEqual(["later", "rotated"]);
    expect(plan.forget).toEqual(["gone"]);
  });

  it("without a store, keeps the one that expires last; a null clientState (not returned) is adoptable", () => {
    const plan = planAdoption([customers], url, "s", [], [sub("a"), sub("b", { expirationDateTime: "2026-12-10T00:00:00Z", clientState: null })]);
    expect(plan.adopt.get(customers)?.subscriptionId).toBe("b");
    expect(plan.remove.map((s) => s.subscriptionId)).toEqual(["a"]);
  });

  it("when BC cannot list, the store is the source (with the stored ETag)", () => {
    const plan = planAdoption([customers], url, "s", [{ ...stored("x"), etag: 'W/"1"' }], undefined);
    expect(plan.adopt.get(customers)).toMatchObject({ subscriptionId: "x", "@odata.etag": 'W/"1"' });
    expect(plan.forget).toEqual([]);
  });
});
