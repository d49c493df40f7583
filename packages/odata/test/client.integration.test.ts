import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createODataClient, ODataConcurrencyError, ODataError, type ResponseInfo, type TokenCredential } from "../src/index.js";
import { apiV2_0 } from "./fixtures/api-model.js";
import { startFakeBc, type FakeBc } from "./support/fake-bc.js";

let server: FakeBc;
const credential: TokenCredential = { getToken: async () => ({ token: "token-1" }) };

beforeEach(async () => {
  server = await startFakeBc();
});
afterEach(async () => {
  await server.close();
});

function client(options: Partial<Parameters<typeof createODataClient>[1]> = {}) {
  return createODataClient(apiV2_0, { tenantId: server.tenantId, environment: server.environment, baseUrl: server.origin, credential, retry: false, ...options });
}

describe("CRUD over HTTP", () => {
  it("lists root sets, creates (201 + Location), reads, updates with the entity's ETag, deletes", async () => {
    const bc = client();
    const companies = [];
    for await (const c of bc.companies.list()) companies.push(c);
    expect(companies.map((c) => c.id)).toEqual([server.companyId]);

    const company = bc.company(server.companyId);
    let location: string | null = null;
    const created = await company.customers.create({ displayName: "Adatum", number: "C1" }, { onResponse: (r) => (location = r.headers.get("Location")) });
    expect(created.displayName).toBe("Adatum");
    expect(created["@odata.etag"]).toMatch(/^W\//);
    expect(location).toBe(`${company.customers.toUrl()}(${created.id})`);

    const one = await company.customers.byId(created.id).get({ select: ["displayName"] });
    expect(one).toEqual({ displayName: "Adatum", "@odata.etag": created["@odata.etag"] });

    const updated = await company.customers.byId(created.id).update({ displayName: "New" }, { entity: created });
    expect(updated.displayName).toBe("New");
    const patch = server.requests.at(-1)!;
    expect(patch.method).toBe("PATCH");
    expect(patch.headers["if-match"]).toBe(created["@odata.etag"]);
    expect(JSON.parse(patch.body)).toEqual({ displayName: "New" });

    await company.customers.byId(created.id).delete({ etag: updated["@odata.etag"]! });
    expect(server.sets.get("customers")!.size).toBe(0);
  });

  it("update without a known ETag reads it first (BC demands If-Match)", async () => {
    const company = client().company(server.companyId);
    const created = await company.customers.create({ displayName: "A" });
    server.requests.length = 0;
    await company.customers.byId(created.id).update({ displayName: "B" });
    expect(server.requests.map((r) => `${r.method} ${decodeURIComponent(r.url).replace(/^.*\/api\/v2\.0\//, "")}`)).toEqual([
      `GET companies(${server.companyId})/customers(${created.id})?$select=id`,
      `PATCH companies(${server.companyId})/customers(${created.id})`,
    ]);
    expect(server.requests[1]!.headers["if-match"]).toBe(created["@odata.etag"]);
  });

  it('sends If-Match: * only when asked with { ifMatch: "*" }', async () => {
    const company = client().company(server.companyId);
    const created = await company.customers.create({ displayName: "A" });
    await company.customers.byId(created.id).update({ displayName: "B" }, { ifMatch: "*" });
    expect(server.requests.at(-1)!.headers["if-match"]).toBe("*");
  });

  it("a stale ETag becomes ODataConcurrencyError (409 Request_EntityChanged) with correlation id", async () => {
    const company = client().company(server.companyId);
    const created = await company.customers.create({ displayName: "A" });
    await company.customers.byId(created.id).update({ displayName: "B" }, { entity: created });
    const error = await company.customers.byId(created.id).update({ displayName: "C" }, { entity: created }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataConcurrencyError);
    expect(error).toMatchObject({ status: 409, code: "Request_EntityChanged", serverMessage: "Another user has already changed the record.", correlationId: "8c5b4c4e-1d2a-4a6b-9a55-1f0b6b2f7c11", method: "PATCH" });
    expect((error as ODataError).url).toBe(company.customers.byId(created.id).toUrl());
  });

  it("412 is a concurrency error too", async () => {
    server.faults.push({ status: 412, body: JSON.stringify({ error: { code: "PreconditionFailed", message: "x" } }) });
    const error = await client().companies.list().next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataConcurrencyError);
  });

  it("404 is an ODataError with BC's code and message", async () => {
    const error = await client().company(server.companyId).customers.byId("00000000-0000-0000-0000-000000000001").get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataError);
    expect(error).not.toBeInstanceOf(ODataConcurrencyError);
    expect(error).toMatchObject({ status: 404, code: "Internal_RecordNotFound" });
    expect((error as Error).message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/.*customers\(00000000-0000-0000-0000-000000000001\) failed with 404 Internal_RecordNotFound: The customers does not exist/);
  });

  it("requestId: the server's request-id header, else the client-request-id we sent", async () => {
    server.faults.push({ status: 400, headers: { "request-id": "srv-1" }, body: "{}" }, { status: 400, body: "{}" });
    const bc = client({ createRequestId: () => "cli-1" });
    await expect(bc.companies.list().next()).rejects.toMatchObject({ requestId: "srv-1" });
    await expect(bc.companies.list().next()).rejects.toMatchObject({ requestId: "cli-1" });
  });

  it("parses BC's XML error variant", async () => {
    server.faults.push({
      status: 401,
      headers: { "Content-Type": "application/xml" },
      body: '<?xml version="1.0"?><error xmlns="http://docs.oasis-open.org/odata/ns/metadata"><code>Unauthorized</code><message>The credentials provided are incorrect &amp; expired</message></error>',
    });
    const error = await client({ credential: { getToken: async () => ({ token: "token-1" }) } }).companies.list().next().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, code: "Unauthorized", serverMessage: "The credentials provided are incorrect & expired" });
  });
});

describe("paging", () => {
  beforeEach(() => {
    const set = server.sets.get("customers")!;
    for (let i = 0; i < 25; i++) set.set(`00000000-0000-0000-0000-${String(i).padStart(12, "0")}`, { id: `00000000-0000-0000-0000-${String(i).padStart(12, "0")}`, number: `C${i}` });
  });

  it("follows @odata.nextLink with Prefer: odata.maxpagesize", async () => {
    const company = client().company(server.companyId);
    const numbers: string[] = [];
    for await (const c of company.customers.list({ select: ["number"], maxPageSize: 10 })) numbers.push(c.number!);
    expect(numbers).toHaveLength(25);
    expect(server.requests).toHaveLength(3);
    expect(server.requests.every((r) => r.headers["prefer"] === "odata.maxpagesize=10")).toBe(true);
  });

  it("byPage exposes continuationToken, count and response; resumes from a token", async () => {
    const company = client().company(server.companyId);
    const pages = company.customers.list({ count: true }).byPage({ maxPageSize: 20 });
    const first = (await pages.next()).value!;
    expect(first.value).toHaveLength(20);
    expect(first.count).toBe(25);
    expect(first.response.status).toBe(200);
    expect(first.continuationToken).toBe(first.response.nextLink);
    const resumed = [];
    for await (const page of company.customers.list().byPage({ continuationToken: first.continuationToken! })) resumed.push(...page.value);
    expect(resumed).toHaveLength(5);
  });

  it("refuses a continuation token pointing elsewhere (the bearer token would leak)", async () => {
    const pages = client().company(server.companyId).customers.list().byPage({ continuationToken: "https://evil.example/steal" });
    await expect(pages.next()).rejects.toThrow(/Refusing to follow nextLink/);
  });
});

describe("writes beyond CRUD", () => {
  it("deep insert, bound action, expand, navigation", async () => {
    const company = client().company(server.companyId);
    const order = await company.salesOrders.create({ customerNumber: "10000", salesOrderLines: [{ lineType: "Item", lineObjectNumber: "1896-S", quantity: 2 }] });
    expect(JSON.parse(server.requests.at(-1)!.body)).toEqual({ customerNumber: "10000", salesOrderLines: [{ lineType: "Item", lineObjectNumber: "1896-S", quantity: 2 }] });
    const result = await company.salesOrders.byId(order.id).shipAndInvoice();
    expect(result).toBeUndefined();
    expect(server.requests.at(-1)).toMatchObject({ method: "POST", body: "" });
    expect(server.requests.at(-1)!.url).toMatch(new RegExp(`/salesOrders\\(${order.id}\\)/Microsoft\\.NAV\\.shipAndInvoice$`));
    expect(server.sets.get("salesOrders")!.get(order.id)!["status"]).toBe("Released");

    const withLines = await company.salesOrders.byId(order.id).get({ expand: { salesOrderLines: true } });
    expect(withLines.salesOrderLines.map((l) => l.lineObjectNumber)).toEqual(["1896-S"]);
    const lines = [];
    for await (const l of company.salesOrders.byId(order.id).salesOrderLines.list()) lines.push(l);
    expect(lines).toHaveLength(1);
  });

  it("uploads and downloads an Edm.Stream with If-Match and octet-stream", async () => {
    const company = client().company(server.companyId);
    const item = await company.items.create({ number: "1896-S", displayName: "Athens Desk" });
    const bytes = new Uint8Array([137, 80, 78, 71, 0, 255]);
    await company.items.byId(item.id).picture.pictureContent.upload(bytes);
    const upload = server.requests.at(-1)!;
    expect(upload.method).toBe("PATCH");
    expect(upload.headers["content-type"]).toBe("application/octet-stream");
    expect(upload.headers["if-match"]).toMatch(/^W\//);
    expect(await company.items.byId(item.id).picture.pictureContent.download()).toEqual(bytes);
  });

  it("exposes request URL, status, headers and nextLink through onResponse", async () => {
    const seen: ResponseInfo[] = [];
    await client().company(server.companyId).customers.create({ displayName: "A" }, { onResponse: (r) => seen.push(r) });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: "POST", status: 201, nextLink: undefined });
    expect(seen[0]!.url).toBe(client().company(server.companyId).customers.toUrl());
  });
});

describe("headers", () => {
  it("runs user openapi-fetch middleware", async () => {
    const bc = client({ middleware: [{ onRequest: ({ request }) => void request.headers.set("Accept-Language", "de-DE") }] });
    await bc.companies.list().next();
    expect(server.requests[0]!.headers["accept-language"]).toBe("de-DE");
  });

  it("sends bearer token, user agent, client-request-id, Data-Access-Intent on request", async () => {
    const bc = client({ userAgent: "my-app/1.0", createRequestId: () => "req-1" });
    for await (const _ of bc.company(server.companyId).customers.list({ readOnlyIntent: true })) void _;
    const h = server.requests[0]!.headers;
    expect(h["authorization"]).toBe("Bearer token-1");
    expect(h["user-agent"]).toBe("my-app/1.0 bcts-odata/0.1.0");
    expect(h["client-request-id"]).toBe("req-1");
    expect(h["data-access-intent"]).toBe("ReadOnly");
    expect(h["accept"]).toBe("application/json");
  });
});
