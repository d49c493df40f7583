import { afterEach, describe, expect, test } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "../src/webhook-receiver.js";

// The handshake method is undocumented (bc-api-facts §9), so the receiver must answer GET and POST alike.
describe("webhook receiver", () => {
  let receiver: WebhookReceiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  test.each(["GET", "POST"])("%s with validationToken → 200, the token as text/plain", async (method) => {
    receiver = await startWebhookReceiver();
    const response = await fetch(`${receiver.url}?validationToken=abc%2B123`, { method });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await response.text()).toBe("abc+123");
    expect(receiver.handshakes).toEqual(["abc+123"]);
  });

  test("a notification body is recorded and wakes a waiter; a malformed one gets 400", async () => {
    receiver = await startWebhookReceiver();
    const waiting = receiver.waitFor((n) => n.changeType === "updated", 5_000);
    const entry = { subscriptionId: "s1", clientState: "c", expirationDateTime: "2026-01-01T00:00:00Z", resource: "api/v2.0/companies(x)/customers(y)", changeType: "updated", lastModifiedDateTime: "2026-01-01T00:00:00Z" };
    const ok = await fetch(receiver.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ value: [entry] }) });
    expect(ok.status).toBe(200);
    await expect(waiting).resolves.toEqual(entry);
    const bad = await fetch(receiver.url, { method: "POST", body: "not json" });
    expect(bad.status).toBe(400);
    expect(receiver.notifications).toHaveLength(1);
  });

  test("waitFor rejects after its timeout when nothing matches", async () => {
    receiver = await startWebhookReceiver();
    await expect(receiver.waitFor(() => true, 50)).rejects.toThrow("No matching webhook notification within 0 s.");
  });

  test("other paths are 404", async () => {
    receiver = await startWebhookReceiver();
    const response = await fetch(receiver.url.replace("/bc-webhook", "/other?validationToken=x"));
    expect(response.status).toBe(404);
    expect(receiver.handshakes).toEqual([]);
  });
});
