import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/bc/clock.js";
import { cronusCompanyId } from "../src/bc/seed/cronus-seed.js";
import { startTestBc, type TestBc } from "./support/start-test-bc.js";
import { testToken } from "./support/test-tokens.js";

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A webhook receiver: echoes validationToken, answers notifications with `status`. */
class Receiver {
  readonly received: Received[] = [];
  status = 200;
  echo = true;
  private server!: Server;
  url = "";
  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        this.received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
        const token = new URL(req.url ?? "/", "http://x").searchParams.get("validationToken");
        if (token !== null) {
          res.writeHead(200, { "content-type": "text/plain" }).end(this.echo ? token : "nope");
          return;
        }
        res.writeHead(this.status).end();
      });
    });
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }
  notifications(): { value: Record<string, unknown>[] }[] {
    return this.received.filter((r) => !r.url.includes("validationToken")).map((r) => JSON.parse(r.body) as { value: Record<string, unknown>[] });
  }
  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

let t: TestBc;
let hook: Receiver;
const clock = new ManualClock();
beforeEach(async () => {
  hook = new Receiver();
  await hook.start();
  t = await startTestBc({ clock, webhooks: { delayMs: 60_000, retryDelaysMs: [10], maxNotificationsPerWindow: 3 } });
});
afterEach(async () => {
  await t.bc.close();
  await hook.close();
});

const token = (): string => testToken({}, clock.now());
const json = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit & { token: string } => ({
  method, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body), token: token(),
});
const subscribe = (resource = `/api/v2.0/companies(${cronusCompanyId})/customers`) =>
  t.json<Record<string, unknown>>("/subscriptions", json("POST", { notificationUrl: hook.url, resource, clientState: "secret-state" }));

describe("§9 webhooks", () => {
  it("create: handshake with validationToken, then 201 with a 3-day expiry and the resource stored without leading slash", async () => {
    const res = await subscribe();
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const handshake = hook.received[0]!;
    expect(handshake.method).toBe("POST");
    expect(handshake.url).toMatch(/^\/hook\?validationToken=/);
    expect(res.body).toMatchObject({ notificationUrl: hook.url, clientState: "secret-state", resource: `api/v2.0/companies(${cronusCompanyId})/customers` });
    expect(String(res.body["subscriptionId"])).toMatch(/^[0-9a-f]{32}$/);
    expect(Date.parse(String(res.body["expirationDateTime"])) - clock.now()).toBe(3 * 24 * 3600_000);
    const list = await t.json<{ value: unknown[] }>("/subscriptions", { token: token() });
    expect(list.body.value).toHaveLength(1);
  });
  it("a receiver that does not echo the token → the subscription is not created", async () => {
    hook.echo = false;
    expect((await subscribe()).status).toBe(400);
    expect((await t.json<{ value: unknown[] }>("/subscriptions", { token: token() })).body.value).toHaveLength(0);
  });
  it("changes are coalesced into one POST with BC's payload and headers", async () => {
    const sub = (await subscribe()).body;
    const created = await t.json<Record<string, unknown>>(`${t.company}/customers`, json("POST", { displayName: "Hooked Inc." }));
    await t.json(`${t.company}/customers(${String(created.body["id"])})`, json("PATCH", { city: "Oslo" }, { "if-match": "*" }));
    await t.bc.webhooks.flush();
    const [n] = hook.notifications();
    expect(n!.value.map((v) => v["changeType"])).toEqual(["created", "updated"]);
    expect(n!.value[0]).toMatchObject({
      subscriptionId: sub["subscriptionId"], clientState: "secret-state", expirationDateTime: sub["expirationDateTime"],
      resource: `api/v2.0/companies(${cronusCompanyId})/customers(${String(created.body["id"])})`,
    });
    const post = hook.received.at(-1)!;
    expect(post.headers["content-type"]).toBe("application/json");
    expect(post.headers["clientrequestid"]).toBe(post.headers["x-ms-correlation-id"]);
  });
  it("more changes than the window allows → one 'collection' notification with a lastModifiedDateTime filter", async () => {
    await subscribe();
    for (let i = 0; i < 4; i++) await t.json(`${t.company}/customers`, json("POST", { displayName: `Bulk ${i}` }));
    await t.bc.webhooks.flush();
    const [n] = hook.notifications();
    expect(n!.value).toHaveLength(1);
    expect(n!.value[0]!["changeType"]).toBe("collection");
    expect(String(n!.value[0]!["resource"])).toMatch(/\/customers\?\$filter=lastModifiedDateTime%20gt%20\d{4}-/);
  });
  it("a line change notifies the document header's subscription", async () => {
    await subscribe(`/api/v2.0/companies(${cronusCompanyId})/salesOrders`);
    const order = (await t.json<{ value: Record<string, unknown>[] }>(`${t.company}/salesOrders?$filter=number eq '101001'`, { token: token() })).body.value[0]!;
    const res = await t.json(`${t.company}/salesOrders(${String(order["id"])})/salesOrderLines`, json("POST", { lineObjectNumber: "1928-S", quantity: 1 }));
    expect(res.status).toBe(201);
    await t.bc.webhooks.flush();
    const [n] = hook.notifications();
    expect(n!.value.map((v) => v["resource"])).toContain(`api/v2.0/companies(${cronusCompanyId})/salesOrders(${String(order["id"])})`);
  });
  it("changes in other sets or companies do not notify", async () => {
    await subscribe();
    await t.json(`${t.company}/vendors`, json("POST", { displayName: "Vendor X" }));
    await t.bc.webhooks.flush();
    expect(hook.notifications()).toHaveLength(0);
  });
  it("§11.17 a 4xx answer deletes the subscription; 5xx is retried", async () => {
    await subscribe();
    hook.status = 503;
    await t.json(`${t.company}/customers`, json("POST", { displayName: "Retry Me" }));
    await t.bc.webhooks.flush();
    await new Promise((r) => setTimeout(r, 60));
    expect(t.bc.webhooks.deliveries.map((d) => d.status)).toEqual([503, 503]);
    hook.status = 404;
    await t.json(`${t.company}/customers`, json("POST", { displayName: "Gone" }));
    await t.bc.webhooks.flush();
    expect((await t.json<{ value: unknown[] }>("/subscriptions", { token: token() })).body.value).toHaveLength(0);
  });
  it("renewal (PATCH with If-Match) repeats the handshake and extends expiry; expired subscriptions stop notifying", async () => {
    const sub = (await subscribe()).body;
    const url = `/subscriptions('${String(sub["subscriptionId"])}')`;
    expect((await t.json(url, json("PATCH", {}))).status).toBe(400);
    clock.advance(3600_000);
    const renewed = await t.json<Record<string, unknown>>(url, json("PATCH", {}, { "if-match": String(sub["@odata.etag"]) }));
    expect(renewed.status).toBe(200);
    expect(hook.received.filter((r) => r.url.includes("validationToken"))).toHaveLength(2);
    expect(Date.parse(String(renewed.body["expirationDateTime"])) - clock.now()).toBe(3 * 24 * 3600_000);
    clock.advance(3 * 24 * 3600_000 + 1);
    await t.json(`${t.company}/customers`, json("POST", { displayName: "Too late" }));
    await t.bc.webhooks.flush();
    expect(hook.notifications()).toHaveLength(0);
  });
  it("a resource that is not a collection of this route → 400", async () => {
    expect((await subscribe("/api/v2.0/nothing")).status).toBe(400);
  });
});
