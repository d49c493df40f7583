import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cronusCompanyId } from "../src/bc/seed/cronus-seed.js";
import { startTestBc, type TestBc } from "./support/start-test-bc.js";

type Entity = Record<string, unknown>;
type Collection = { value: Entity[] };
type ErrorBody = { error: { code: string; message: string } };

let t: TestBc;
let ids = 0;
beforeAll(async () => {
  // Deterministic ids for created rows, so failures are reproducible.
  t = await startTestBc({ newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, "0")}` });
});
afterAll(async () => {
  await t.bc.close();
});

const json = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  headers: { "content-type": "application/json", ...headers },
  body: typeof body === "string" ? body : JSON.stringify(body),
});
const expectBcError = (res: { status: number; body: unknown }, status: number, code: string, message?: string): void => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  const e = (res.body as ErrorBody).error;
  expect(e.code).toBe(code);
  expect(e.message).toMatch(/  CorrelationId:  [0-9a-f-]{36}\.$/);
  if (message) expect(e.message.startsWith(message), e.message).toBe(true);
};
const customers = (): string => `${t.company}/customers`;

describe("seed 001: the demo CRUD flow on customers", () => {
  it("§5.1 create → filter → PATCH with If-Match → delete", async () => {
    const created = await t.json<Entity>(customers(), json("POST", { displayName: "Contoso Retail", city: "Seattle", type: "Company" }));
    expect(created.status).toBe(201);
    const id = String(created.body["id"]);
    expect(created.headers.get("location")).toBe(`${t.root}${t.company}/customers(${id})`);
    expect(created.body).toMatchObject({ displayName: "Contoso Retail", city: "Seattle", number: "50001", blocked: "_x0020_", balanceDue: 0 });
    expect(created.body["lastModifiedDateTime"]).toMatch(/Z$/);

    const found = await t.json<Collection>(`${customers()}?$filter=${encodeURIComponent("displayName eq 'Contoso Retail'")}`);
    expect(found.body.value.map((c) => c["id"])).toEqual([id]);

    const patched = await t.json<Entity>(`${customers()}(${id})`, json("PATCH", { displayName: "Contoso Retail West" }, { "if-match": String(created.body["@odata.etag"]) }));
    expect(patched.status).toBe(200);
    expect(patched.body["displayName"]).toBe("Contoso Retail West");
    expect(patched.body["@odata.etag"]).not.toBe(created.body["@odata.etag"]);

    const deleted = await t.fetch(`${customers()}(${id})`, { method: "DELETE", headers: { "if-match": String(patched.body["@odata.etag"]) } });
    expect(deleted.status).toBe(204);
    expect((await t.json(`${customers()}(${id})`)).status).toBe(404);
  });
});

describe("§5.1 POST", () => {
  it("empty body → 400 'Values must be provided in the body.'", async () => {
    expectBcError(await t.json(customers(), json("POST", {})), 400, "BadRequest", "Values must be provided in the body.");
  });
  it("non-JSON content type → 415", async () => {
    expect((await t.json(customers(), { method: "POST", headers: { "content-type": "text/plain" }, body: "x" })).status).toBe(415);
  });
  it("unknown property → 400 naming the property and type", async () => {
    expectBcError(await t.json(customers(), json("POST", { displayName: "X", colour: "red" })), 400, "BadRequest", "The property 'colour' does not exist on type 'Microsoft.NAV.customer'.");
  });
  it("§10 a bad enum value → 400 listing the options", async () => {
    expectBcError(await t.json(customers(), json("POST", { displayName: "X", blocked: "Sometimes" })), 400, "BadRequest", "'Sometimes' is not an option. The existing options are:  ,Ship,Invoice,All");
  });
  it("§10 enum captions are accepted on write and stored as the encoded member", async () => {
    const res = await t.json<Entity>(`${t.company}/salesInvoices`, json("POST", { customerNumber: "10000", status: "In Review" }));
    expect(res.status).toBe(201);
    expect(res.body["status"]).toBe("In_x0020_Review");
  });
  it("§10 an overlong string → 400 Application_StringExceededLength", async () => {
    expectBcError(await t.json(customers(), json("POST", { displayName: "x".repeat(101) })), 400, "Application_StringExceededLength", "The length of the string is 101, but it must be less than or equal to 100 characters.");
  });
  it("§10 a wrongly typed value → 400", async () => {
    expect((await t.json(customers(), json("POST", { displayName: "X", creditLimit: "lots" }))).status).toBe(400);
    expect((await t.json(customers(), json("POST", { displayName: "X", currencyId: "not-a-guid" }))).status).toBe(400);
  });
  it("§5.1 read-only set (capability annotation) → 405 BadRequest_MethodNotAllowed", async () => {
    expectBcError(await t.json("/companies", json("POST", { name: "X" })), 405, "BadRequest_MethodNotAllowed", "'POST' requests for 'companies' of EdmType 'Entity' are not allowed");
  });
  it("§5.1 Prefer: return=minimal → 204 with Location", async () => {
    const res = await t.fetch(customers(), json("POST", { displayName: "Quiet Ltd" }, { prefer: "return=minimal" }));
    expect(res.status).toBe(204);
    expect(res.headers.get("location")).toMatch(/\/customers\([0-9a-f-]{36}\)$/);
  });
  it("§5.1 Data-Access-Intent: ReadOnly on a write → 400", async () => {
    expect((await t.json(customers(), json("POST", { displayName: "RO" }, { "data-access-intent": "ReadOnly" }))).status).toBe(400);
    expect((await t.json(customers(), { headers: { "data-access-intent": "ReadOnly" } })).status).toBe(200);
  });
  it("§8 duplicate key → 409 Internal_EntityWithSameKeyExists", async () => {
    const first = await t.json<Entity>(customers(), json("POST", { displayName: "Dup" }));
    expectBcError(await t.json(customers(), json("POST", { id: first.body["id"], displayName: "Dup again" })), 409, "Internal_EntityWithSameKeyExists");
  });
});

describe("§5.1 PATCH and DELETE concurrency", () => {
  const fresh = async (): Promise<Entity> => (await t.json<Entity>(customers(), json("POST", { displayName: "Concurrency Inc." }))).body;

  it("PATCH without If-Match → 400 BadRequest_InvalidToken with BC's message", async () => {
    const c = await fresh();
    expectBcError(await t.json(`${customers()}(${String(c["id"])})`, json("PATCH", { city: "Oslo" })), 400, "BadRequest_InvalidToken", "Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.");
  });
  it("PATCH with a stale ETag → 409 Request_EntityChanged", async () => {
    const c = await fresh();
    const url = `${customers()}(${String(c["id"])})`;
    const ok = await t.json(url, json("PATCH", { city: "Oslo" }, { "if-match": String(c["@odata.etag"]) }));
    expect(ok.status).toBe(200);
    expectBcError(await t.json(url, json("PATCH", { city: "Bergen" }, { "if-match": String(c["@odata.etag"]) })), 409, "Request_EntityChanged", "Another user has already changed the record.");
  });
  it("PATCH with If-Match: * → 200", async () => {
    const c = await fresh();
    const res = await t.json<Entity>(`${customers()}(${String(c["id"])})`, json("PATCH", { city: "Oslo" }, { "if-match": "*" }));
    expect(res.status).toBe(200);
    expect(res.body["city"]).toBe("Oslo");
  });
  it("PATCH on a read-only set → 405", async () => {
    expectBcError(await t.json(`/companies(${cronusCompanyId})`, json("PATCH", { displayName: "X" }, { "if-match": "*" })), 405, "BadRequest_MethodNotAllowed");
  });
  it("PATCH of a key → 400", async () => {
    const c = await fresh();
    expect((await t.json(`${customers()}(${String(c["id"])})`, json("PATCH", { id: "00000000-0000-4000-8000-999999999999" }, { "if-match": "*" }))).status).toBe(400);
  });
  it("DELETE without If-Match is accepted (§5.1: validated only when present); stale If-Match → 409", async () => {
    const a = await fresh();
    expect((await t.fetch(`${customers()}(${String(a["id"])})`, { method: "DELETE" })).status).toBe(204);
    const b = await fresh();
    await t.json(`${customers()}(${String(b["id"])})`, json("PATCH", { city: "Oslo" }, { "if-match": "*" }));
    const res = await t.json(`${customers()}(${String(b["id"])})`, { method: "DELETE", headers: { "if-match": String(b["@odata.etag"]) } });
    expectBcError(res, 409, "Request_EntityChanged");
  });
});

describe("§5.3 deep insert and parent-scoped writes", () => {
  const countOrders = async (): Promise<number> => Number(await (await t.fetch(`${t.company}/salesOrders/$count`)).text());

  it("POST salesOrders with salesOrderLines creates header and lines atomically; lines take item defaults and totals add up", async () => {
    const res = await t.json<Entity>(`${t.company}/salesOrders?$expand=salesOrderLines`, json("POST", {
      customerNumber: "20000",
      salesOrderLines: [{ lineObjectNumber: "1928-S", quantity: 10 }, { lineType: "Item", lineObjectNumber: "1896-S", quantity: 1, taxPercent: 10 }],
    }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ customerName: "Trey Research", totalAmountExcludingTax: 1549.8, totalTaxAmount: 100.08, totalAmountIncludingTax: 1649.88 });
    const lines = await t.json<Collection>(`${t.company}/salesOrders(${String(res.body["id"])})/salesOrderLines`);
    expect(lines.body.value.map((l) => [l["description"], l["sequence"], l["amountExcludingTax"], l["documentId"]])).toEqual([
      ["AMSTERDAM Lamp", 10000, 549, res.body["id"]],
      ["ATHENS Desk", 20000, 1000.8, res.body["id"]],
    ]);
  });
  it("a failing child rolls the whole deep insert back", async () => {
    const before = await countOrders();
    const res = await t.json(`${t.company}/salesOrders`, json("POST", { customerNumber: "20000", salesOrderLines: [{ quantity: 1 }, { quantity: "many" }] }));
    expect(res.status).toBe(400);
    expect(await countOrders()).toBe(before);
  });
  it("POST salesOrders({id})/salesOrderLines sets documentId from the referential constraint; DELETE of the header removes its lines", async () => {
    const order = (await t.json<Entity>(`${t.company}/salesOrders`, json("POST", { customerNumber: "10000" }))).body;
    const line = await t.json<Entity>(`${t.company}/salesOrders(${String(order["id"])})/salesOrderLines`, json("POST", { lineObjectNumber: "1900-S", quantity: 2 }));
    expect(line.status).toBe(201);
    expect(line.body["documentId"]).toBe(order["id"]);
    expect(line.headers.get("location")).toBe(`${t.root}${t.company}/salesOrderLines(${String(line.body["id"])})`);
    expect((await t.fetch(`${t.company}/salesOrders(${String(order["id"])})`, { method: "DELETE" })).status).toBe(204);
    const left = await t.json<Collection>(`${t.company}/salesOrderLines?$filter=documentId eq ${String(order["id"])}`);
    expect(left.body.value).toEqual([]);
  });
});

describe("§5.4 bound actions", () => {
  it("salesInvoices({draft})/Microsoft.NAV.post → 204; the invoice is posted (Open, posted number); posting again → 400", async () => {
    const draft = (await t.json<Collection>(`${t.company}/salesInvoices?$filter=status eq 'Draft'`)).body.value[0]!;
    const url = `${t.company}/salesInvoices(${String(draft["id"])})`;
    expect((await t.fetch(`${url}/Microsoft.NAV.post`, { method: "POST" })).status).toBe(204);
    const posted = (await t.json<Entity>(url)).body;
    expect(posted).toMatchObject({ status: "Open", remainingAmount: draft["totalAmountIncludingTax"] });
    const others = (await t.json<Collection>(`${t.company}/salesInvoices?$select=number`)).body.value.map((v) => String(v["number"])).filter((n) => n !== posted["number"]);
    expect(String(posted["number"])).toMatch(/^\d+$/);
    expect(others.every((n) => !/^\d+$/.test(n) || Number(n) < Number(posted["number"]))).toBe(true);
    expect((await t.json(`${url}/Microsoft.NAV.post`, { method: "POST" })).status).toBe(400);
  });
  it("salesOrders({id})/Microsoft.NAV.shipAndInvoice → 204; the order is gone and a posted invoice with its lines exists", async () => {
    const order = (await t.json<Collection>(`${t.company}/salesOrders?$filter=number eq '101002'`)).body.value[0]!;
    expect((await t.fetch(`${t.company}/salesOrders(${String(order["id"])})/Microsoft.NAV.shipAndInvoice`, { method: "POST" })).status).toBe(204);
    expect((await t.json(`${t.company}/salesOrders(${String(order["id"])})`)).status).toBe(404);
    const invoice = (await t.json<Collection>(`${t.company}/salesInvoices?$filter=orderNumber eq '101002'&$expand=salesInvoiceLines`)).body.value[0]!;
    expect(invoice).toMatchObject({ status: "Open", customerNumber: "20000", totalAmountExcludingTax: order["totalAmountExcludingTax"] });
    expect((invoice["salesInvoiceLines"] as Entity[]).map((l) => l["description"])).toEqual(["LONDON Swivel Chair, blue"]);
  });
  it("an action declared in $metadata but not emulated → 501; an undeclared one → 404", async () => {
    const inv = (await t.json<Collection>(`${t.company}/salesInvoices?$top=1`)).body.value[0]!;
    expect((await t.json(`${t.company}/salesInvoices(${String(inv["id"])})/Microsoft.NAV.send`, { method: "POST" })).status).toBe(501);
    expect((await t.json(`${t.company}/salesInvoices(${String(inv["id"])})/Microsoft.NAV.explode`, { method: "POST" })).status).toBe(404);
  });
  it("§11.13 action names are case-sensitive by default (configurable)", async () => {
    const inv = (await t.json<Collection>(`${t.company}/salesInvoices?$filter=status eq 'Open'`)).body.value[0]!;
    expect((await t.json(`${t.company}/salesInvoices(${String(inv["id"])})/Microsoft.NAV.Cancel`, { method: "POST" })).status).toBe(404);
    const lenient = await startTestBc({ actionNamesCaseInsensitive: true });
    try {
      const open = (await lenient.json<Collection>(`${lenient.company}/salesInvoices?$filter=status eq 'Open'`)).body.value[0]!;
      expect((await lenient.fetch(`${lenient.company}/salesInvoices(${String(open["id"])})/Microsoft.NAV.Cancel`, { method: "POST" })).status).toBe(204);
    } finally {
      await lenient.bc.close();
    }
  });
});

describe("§5.5 stream properties", () => {
  it("salesInvoices({id})/pdfDocument/pdfDocumentContent returns a PDF of the document", async () => {
    const inv = (await t.json<Collection>(`${t.company}/salesInvoices?$filter=number eq '103001'`)).body.value[0]!;
    const doc = await t.json<Entity>(`${t.company}/salesInvoices(${String(inv["id"])})/pdfDocument`);
    expect(doc.status).toBe(200);
    expect(doc.body).toMatchObject({ parentId: inv["id"], parentType: "Sales_x0020_Invoice" });
    const pdf = await t.fetch(String(doc.body["pdfDocumentContent@odata.mediaReadLink"]));
    expect(pdf.headers.get("content-type")).toBe("application/octet-stream");
    const text = Buffer.from(await pdf.arrayBuffer()).toString("latin1");
    expect(text.startsWith("%PDF-1.4")).toBe(true);
    expect(text).toContain("Sales Invoice 103001");
    expect(text.trimEnd().endsWith("%%EOF")).toBe(true);
  });
  it("items({id})/picture exists before any upload (empty), and PATCH …/picture/pictureContent fills it", async () => {
    const item = (await t.json<Collection>(`${t.company}/items?$top=1`)).body.value[0]!;
    const pictureUrl = `${t.company}/items(${String(item["id"])})/picture`;
    const empty = await t.json<Entity>(pictureUrl);
    expect(empty.status, JSON.stringify(empty.body)).toBe(200);
    expect(empty.body).toMatchObject({ id: item["id"], parentType: "Item", width: 0, height: 0 });
    const content = `${pictureUrl}/pictureContent`;
    const put = await t.fetch(content, { method: "PATCH", body: "png-bytes", headers: { "content-type": "application/octet-stream", "if-match": "*" } });
    expect(put.status).toBe(204);
    expect(await (await t.fetch(content)).text()).toBe("png-bytes");
  });
  it("attachmentContent: mediaReadLink in JSON, PATCH raw bytes with If-Match → 204, GET returns the bytes", async () => {
    const inv = (await t.json<Collection>(`${t.company}/salesInvoices?$top=1`)).body.value[0]!;
    const att = await t.json<Entity>(`${t.company}/attachments`, json("POST", { parentId: inv["id"], fileName: "note.txt", parentType: "Sales_x0020_Invoice" }));
    expect(att.status, JSON.stringify(att.body)).toBe(201);
    const contentUrl = `${t.root}${t.company}/attachments(${String(att.body["id"])})/attachmentContent`;
    expect(att.body["attachmentContent@odata.mediaReadLink"]).toBe(contentUrl);
    expect((await t.fetch(contentUrl, { method: "PATCH", body: "hello", headers: { "content-type": "application/octet-stream" } })).status).toBe(400);
    expect((await t.fetch(contentUrl, { method: "PATCH", body: "hello", headers: { "content-type": "application/octet-stream", "if-match": "*" } })).status).toBe(204);
    const got = await t.fetch(contentUrl);
    expect(got.headers.get("content-type")).toBe("application/octet-stream");
    expect(await got.text()).toBe("hello");
    expect((await t.json<Entity>(`${t.company}/attachments(${String(att.body["id"])})`)).body["byteSize"]).toBe(5);
  });
});
