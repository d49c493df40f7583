import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packagedMetadataFile } from "../src/bc/bc-server-options.js";
import { cronusCompanyId } from "../src/bc/seed/cronus-seed.js";
import { startTestBc, type TestBc } from "./support/start-test-bc.js";
import { testTenantId } from "./support/test-tokens.js";

type Collection = { "@odata.context": string; "@odata.count"?: number; "@odata.nextLink"?: string; value: Record<string, unknown>[] };
type ErrorBody = { error: { code: string; message: string } };

let t: TestBc;
beforeAll(async () => {
  t = await startTestBc();
});
afterAll(async () => {
  await t.bc.close();
});

const expectBcError = (res: { status: number; body: unknown }, status: number, code: string, message?: RegExp | string): void => {
  expect(res.status).toBe(status);
  const e = (res.body as ErrorBody).error;
  expect(e.code).toBe(code);
  expect(e.message).toMatch(/  CorrelationId:  [0-9a-f-]{36}\.$/);
  if (message instanceof RegExp) expect(e.message).toMatch(message);
  else if (message) expect(e.message.startsWith(message)).toBe(true);
};

describe("§2 URL structure and routes", () => {
  it("§2.1 /v2.0/{tenant}/{environment}/api/v2.0/companies lists the seeded company", async () => {
    const res = await t.json<Collection>("/companies");
    expect(res.status).toBe(200);
    expect(res.body["@odata.context"]).toBe(`${t.root}/$metadata#companies`);
    expect(res.body.value).toHaveLength(1);
    expect(res.body.value[0]).toMatchObject({ id: cronusCompanyId, name: "CRONUS USA, Inc." });
  });
  it.each([
    ["without tenant segment (tenant from the token)", (url: string) => `${url}/v2.0/production/api/v2.0/companies`],
    ["with a verified domain name", (url: string) => `${url}/v2.0/cronus.example/production/api/v2.0/companies`],
    ["with a differently cased environment", (url: string) => `${url}/v2.0/${testTenantId}/Production/api/v2.0/companies`],
  ])("§2.1 routes %s", async (_, build) => {
    const res = await t.json<Collection>(build(t.bc.url));
    expect(res.status).toBe(200);
    expect(res.body.value[0]!["id"]).toBe(cronusCompanyId);
  });
  it("§2.1 $metadata is the loaded document byte-for-byte as application/xml", async () => {
    const res = await t.fetch("/$metadata");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/xml/);
    expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(packagedMetadataFile("api-v2.0.xml")))).toBe(true);
  });
  it("§2.1 the route root is the service document", async () => {
    const res = await t.json<Collection>("");
    expect(res.status).toBe(200);
    expect(res.body["@odata.context"]).toBe(`${t.root}/$metadata`);
    expect(res.body.value).toContainEqual({ name: "customers", kind: "EntitySet", url: "customers" });
  });
  it("§2.1 companies({id})/customers and customers?company={id|name} address the same rows", async () => {
    const a = await t.json<Collection>(`${t.company}/customers?$select=id`);
    const b = await t.json<Collection>(`/customers?company=${cronusCompanyId}&$select=id`);
    const c = await t.json<Collection>(`/customers?company=${encodeURIComponent("CRONUS USA, Inc.")}&$select=id`);
    expect(a.body.value.length).toBe(5);
    expect(b.body.value).toEqual(a.body.value);
    expect(c.body.value).toEqual(a.body.value);
    expect(b.body["@odata.context"]).toBe(`${t.root}/$metadata#customers(id)`);
  });
  it("§8 a company-scoped set without a company is 400 Internal_CompanyNotFound", async () => {
    expectBcError(await t.json("/customers"), 400, "Internal_CompanyNotFound");
  });
  it("§8/§11.8 an unknown ?company= is 400 Unknown 'The supplied company name is not valid.'", async () => {
    expectBcError(await t.json("/customers?company=Nope"), 400, "Unknown", "The supplied company name is not valid.");
  });
  it("§8 an unknown segment is 404 BadRequest_ResourceNotFound", async () => {
    expectBcError(await t.json(`${t.company}/customerz`), 404, "BadRequest_ResourceNotFound", "Resource not found for the segment 'customerz'.");
  });
  it("§2.1 an entity by unquoted GUID key has a /$entity context", async () => {
    const list = await t.json<Collection>(`${t.company}/customers?$filter=number eq '10000'`);
    const id = String(list.body.value[0]!["id"]);
    const res = await t.json<Record<string, unknown>>(`${t.company}/customers(${id})`);
    expect(res.status).toBe(200);
    expect(res.body["@odata.context"]).toBe(`${t.root}/$metadata#companies(${cronusCompanyId})/customers/$entity`);
    expect(res.body["displayName"]).toBe("Adatum Corporation");
    expect(res.headers.get("etag")).toBe(res.body["@odata.etag"]);
  });
  it("§8 an absent key is 404 and a malformed key is 404", async () => {
    expect((await t.json(`${t.company}/customers(00000000-0000-0000-0000-00000000abcd)`)).status).toBe(404);
    expectBcError(await t.json(`${t.company}/customers(None)`), 404, "BadRequest_NotFound");
  });
  it("§2.1 navigation to a single related entity: salesOrders({id})/customer", async () => {
    const orders = await t.json<Collection>(`${t.company}/salesOrders?$filter=number eq '101001'`);
    const res = await t.json<Record<string, unknown>>(`${t.company}/salesOrders(${String(orders.body.value[0]!["id"])})/customer`);
    expect(res.status).toBe(200);
    expect(res.body["number"]).toBe("10000");
    expect(res.body["@odata.context"]).toMatch(/\/salesOrders\([0-9a-f-]+\)\/customer\/\$entity$/);
  });
});

describe("§10 JSON shape", () => {
  it("uses BC's media type, weak base64 ETags and blank values (\"\", zero GUID, 0001-01-01, _x0020_)", async () => {
    const res = await t.json<Collection>(`${t.company}/customers?$filter=number eq '20000'`);
    expect(res.headers.get("content-type")).toBe("application/json; odata.metadata=minimal; odata.streaming=true");
    expect(res.headers.get("odata-version")).toBe("4.0");
    const c = res.body.value[0]!;
    expect(Object.keys(c)[0]).toBe("@odata.etag");
    const etag = String(c["@odata.etag"]);
    expect(etag).toMatch(/^W\/"[A-Za-z0-9+/]+=*"$/);
    expect(Buffer.from(etag.slice(3, -1), "base64").toString()).toMatch(/^'20;\d{20}1;00;'$/);
    expect(c).toMatchObject({ addressLine2: "", blocked: "_x0020_", shipmentMethodId: "00000000-0000-0000-0000-000000000000", balanceDue: 0, taxLiable: true });
    const orders = await t.json<Collection>(`${t.company}/salesOrders?$top=1`);
    expect(orders.body.value[0]!["requestedDeliveryDate"]).toBe("0001-01-01");
    expect(orders.body.value[0]!["lastModifiedDateTime"]).toBe("2026-01-15T09:30:00Z");
  });
});

describe("§3 $filter over HTTP", () => {
  const numbers = async (query: string, set = "customers"): Promise<string[]> => {
    const res = await t.json<Collection>(`${t.company}/${set}?$select=number&$filter=${encodeURIComponent(query)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.value.map((v) => String(v["number"]));
  };
  const cases: [string, string[], string?][] = [
    ["displayName eq 'Trey Research'", ["20000"]],
    ["number ne '10000' and city eq 'Atlanta'", ["50000"]],
    ["number eq '10000' or number eq '30000'", ["10000", "30000"]],
    ["balanceDue gt 1500", ["30000", "50000"]],
    ["balanceDue le 0", ["20000", "40000"]],
    ["contains(displayName,'Ski')", ["40000"]],
    ["startswith(displayName,'Re')", ["50000"]],
    ["endswith(displayName,'Art')", ["30000"]],
    ["startswith(displayName,'re')", []],
    ["startswith(tolower(displayName),'re')", ["50000"]],
    ["toupper(city) eq 'ATLANTA'", ["10000", "50000"]],
    ["displayName eq 'ATLANTA'", []],
    ["blocked eq '_x0020_'", ["10000", "20000", "30000", "40000", "50000"]],
    ["type eq 'Company' and state eq 'GA'", ["10000", "50000"]],
    ["type eq Microsoft.NAV.contactType'Company' and state eq 'IL'", ["20000"]],
    ["taxLiable eq true and country eq 'CA'", ["40000"]],
    ["lastModifiedDateTime gt 2026-01-01T00:00:00Z and state eq 'FL'", ["30000"]],
    ["not (state eq 'GA')", ["20000", "30000", "40000"]],
    ["substring(number,0,1) eq '3'", ["30000"]],
    ["trim(city) eq 'Miami'", ["30000"]],
  ];
  it.each(cases)("%s", async (query, want) => {
    expect(await numbers(query)).toEqual(want);
  });
  it("enum members match by encoded name and by caption: status eq 'In_x0020_Review' / 'Open'", async () => {
    expect(await numbers("status eq 'Open'", "salesOrders")).toEqual(["101001", "101002", "101003", "101004"]);
    expect(await numbers("status eq 'Draft'", "salesInvoices")).toEqual(["S-INV-1001"]);
    expect(await numbers("status eq 'In Review'", "salesInvoices")).toEqual([]);
  });
  it("enum comparisons order by member value: status gt 'Draft' (Open=3, Paid=4 > Draft=1)", async () => {
    expect(await numbers("status gt 'Draft'", "salesInvoices")).toEqual(["103001", "103002", "103003"]);
  });
  it("date literals are unquoted: orderDate ge 2026-01-14", async () => {
    expect(await numbers("orderDate ge 2026-01-14", "salesOrders")).toEqual(["101003", "101004"]);
  });
  it("GUID literals are unquoted", async () => {
    const id = (await t.json<Collection>(`${t.company}/customers?$filter=number eq '30000'`)).body.value[0]!["id"];
    expect(await numbers(`customerId eq ${String(id)}`, "salesOrders")).toEqual(["101003"]);
  });
  it("§3 'or' across different fields → 400 with BC's message", async () => {
    const res = await t.json(`${t.company}/customers?$filter=${encodeURIComponent("number eq '10000' or city eq 'Miami'")}`);
    expectBcError(res, 400, "BadRequest_NotSupported", "The 'OR' operator is not supported on distinct fields on an OData filter.");
  });
  it("§3 a quoted DateTimeOffset is a type error (400)", async () => {
    expect((await t.json(`${t.company}/customers?$filter=${encodeURIComponent("lastModifiedDateTime gt '2026-01-01T00:00:00Z'")}`)).status).toBe(400);
  });
  it("§3 a filter value longer than the field → 400 Application_FilterErrorException", async () => {
    expectBcError(await t.json(`${t.company}/customers?$filter=${encodeURIComponent(`number eq '${"1".repeat(21)}'`)}`), 400, "Application_FilterErrorException");
  });
  it("§3 unknown property → 400 BadRequest_NotFound 'Could not find a property named …'", async () => {
    expectBcError(await t.json(`${t.company}/customers?$filter=${encodeURIComponent("nope eq 'x'")}`), 400, "BadRequest_NotFound", "Could not find a property named 'nope' on type 'Microsoft.NAV.customer'.");
  });
  it("§11.1 'in' is silently ignored without $schemaversion=2.1 and applied with it", async () => {
    const filter = encodeURIComponent("number in ('10000','20000')");
    expect((await t.json<Collection>(`${t.company}/customers?$filter=${filter}`)).body.value).toHaveLength(5);
    expect((await t.json<Collection>(`${t.company}/customers?$filter=${filter}&$schemaversion=2.1`)).body.value).toHaveLength(2);
  });
  it("§11.1 lambda operators are silently ignored", async () => {
    const res = await t.json<Collection>(`${t.company}/salesOrders?$filter=${encodeURIComponent("salesOrderLines/any(l:l/quantity gt 100)")}`);
    expect(res.body.value).toHaveLength(4);
  });
  it("§3 more than 100 nodes → 400 node count limit", async () => {
    const filter = Array.from({ length: 40 }, (_, i) => `number eq '${i}'`).join(" or ");
    expectBcError(await t.json(`${t.company}/customers?$filter=${encodeURIComponent(filter)}`), 400, "BadRequest", "The node count limit of '100' has been exceeded.");
  });
});

describe("§3 $select, $orderby, $top, $skip, $count, $expand", () => {
  it("$select returns only the listed properties (plus the ETag) and names them in the context", async () => {
    const res = await t.json<Collection>(`${t.company}/items?$select=number,unitPrice&$top=1`);
    expect(Object.keys(res.body.value[0]!)).toEqual(["@odata.etag", "number", "unitPrice"]);
    expect(res.body["@odata.context"]).toMatch(/\/items\(number,unitPrice\)$/);
  });
  it("$select of an unknown property → 400 BadRequest_NotFound", async () => {
    expectBcError(await t.json(`${t.company}/items?$select=nope`), 400, "BadRequest_NotFound");
  });
  it("$orderby desc, then $skip and $top", async () => {
    const res = await t.json<Collection>(`${t.company}/items?$select=number&$orderby=unitPrice desc,number asc&$skip=1&$top=3`);
    expect(res.body.value.map((v) => v["number"])).toEqual(["1920-S", "1906-S", "1900-S"]);
  });
  it("$count=true adds @odata.count (before $top) and /$count answers text", async () => {
    const res = await t.json<Collection>(`${t.company}/items?$count=true&$top=2&$filter=${encodeURIComponent("unitPrice gt 190")}`);
    expect(res.body["@odata.count"]).toBe(9);
    expect(res.body.value).toHaveLength(2);
    const count = await t.fetch(`${t.company}/items/$count`);
    expect(await count.text()).toBe("10");
  });
  it("$expand nests, with nested $select/$filter/$expand; single-valued navigation expands to an object", async () => {
    const q = "$select=number&$filter=number eq '101003'&$expand=customer($select=displayName),salesOrderLines($select=description,quantity;$filter=quantity gt 1;$orderby=quantity desc;$expand=item($select=number))";
    const res = await t.json<Collection>(`${t.company}/salesOrders?${q.replace(/ /g, "%20")}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const order = res.body.value[0]!;
    expect((order["customer"] as Record<string, unknown>)["displayName"]).toBe("School of Fine Art");
    const lines = order["salesOrderLines"] as Record<string, unknown>[];
    expect(lines.map((l) => [l["description"], l["quantity"], (l["item"] as Record<string, unknown>)["number"]])).toEqual([
      ["AMSTERDAM Lamp", 6, "1928-S"],
      ["BERLIN Guest Chair, yellow", 6, "1936-S"],
    ]);
    expect(String(lines[0]!["@odata.etag"])).toMatch(/^W\//);
  });
  it("$expand of an unknown navigation property → 400", async () => {
    expect((await t.json(`${t.company}/salesOrders?$expand=nope`)).status).toBe(400);
  });
});

describe("§4 server-driven paging", () => {
  it("Prefer: odata.maxpagesize=3 pages with absolute @odata.nextLink carrying an opaque $skiptoken; following it returns every row once", async () => {
    const seen: unknown[] = [];
    let url: string | undefined = `${t.root}${t.company}/items?$select=number`;
    let pages = 0;
    while (url) {
      const res: { status: number; body: Collection; headers: Headers } = await t.json<Collection>(url, { headers: { prefer: "odata.maxpagesize=3" } });
      expect(res.status).toBe(200);
      expect(res.body.value.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.value.map((v) => v["number"]));
      url = res.body["@odata.nextLink"];
      if (url) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2\.0\/.*\$skiptoken=/);
      pages++;
    }
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(10);
  });
  it("$top bounds the paged window: $top=5 with page size 2 → 2+2+1", async () => {
    const sizes: number[] = [];
    let url: string | undefined = `${t.root}${t.company}/items?$top=5&$orderby=number`;
    while (url) {
      const res: { body: Collection } = await t.json<Collection>(url, { headers: { prefer: "odata.maxpagesize=2" } });
      sizes.push(res.body.value.length);
      url = res.body["@odata.nextLink"];
    }
    expect(sizes).toEqual([2, 2, 1]);
  });
  it("the server cap applies without Prefer and caps a larger preference (min(pref, cap))", async () => {
    const small = await startTestBc({ maxPageSize: 4 });
    try {
      const a = await small.json<Collection>(`${small.company}/items`);
      expect(a.body.value).toHaveLength(4);
      expect(a.body["@odata.nextLink"]).toBeDefined();
      const b = await small.json<Collection>(`${small.company}/items`, { headers: { prefer: "odata.maxpagesize=50" } });
      expect(b.body.value).toHaveLength(4);
    } finally {
      await small.bc.close();
    }
  });
  it("without paging pressure there is no nextLink", async () => {
    const res = await t.json<Collection>(`${t.company}/items`);
    expect(res.body.value).toHaveLength(10);
    expect(res.body["@odata.nextLink"]).toBeUndefined();
  });
});

describe("§5.3/§11.5 document lines need their parent", () => {
  it("flat salesOrderLines → 400 Application_DialogException", async () => {
    expectBcError(await t.json(`${t.company}/salesOrderLines`), 400, "Application_DialogException", "You must specify a document id to get the lines.");
  });
  it("with $filter=documentId eq … or through the parent it works", async () => {
    const order = (await t.json<Collection>(`${t.company}/salesOrders?$filter=number eq '101001'`)).body.value[0]!;
    const a = await t.json<Collection>(`${t.company}/salesOrderLines?$filter=documentId eq ${String(order["id"])}`);
    const b = await t.json<Collection>(`${t.company}/salesOrders(${String(order["id"])})/salesOrderLines`);
    expect(a.body.value).toHaveLength(2);
    expect(b.body.value).toEqual(a.body.value);
  });
});
