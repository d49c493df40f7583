import { describe, expect, it } from "vitest";
import { createODataClient, createTypeRegistry, createValueCodec, defineEntitySet, defineRoute, ODataValueError, type EntityModel, type NavigationModel } from "../src/index.js";

// A route as @bcts/codegen emits it with `dates: "Date", decimal: "string"`: the registry carries the codec.
const codec = createValueCodec({
  mapping: { dates: "Date", decimal: "string", int64: "number" },
  conversions: {
    "NS.salesOrder": { orderDate: "Edm.Date", totalAmount: "Edm.Decimal", salesOrderLines: "NS.salesOrderLine" },
    "NS.salesOrderLine": { unitPrice: "Edm.Decimal" },
  },
});
const registry = createTypeRegistry("api/v2.0", codec);
interface LineModel extends EntityModel {
  readonly entity: { readonly sequence: number; readonly unitPrice: `${number}` };
  readonly create: { unitPrice?: `${number}` };
  readonly update: {};
  readonly key: number;
  readonly fields: { readonly sequence: "Edm.Int32"; readonly unitPrice: "Edm.Decimal" };
  readonly navigation: {};
  readonly actions: {};
  readonly streams: never;
}
interface OrderModel extends EntityModel {
  readonly entity: { readonly id: string; readonly orderDate: Date; readonly totalAmount: `${number}`; readonly "@odata.etag"?: string };
  readonly create: { orderDate?: Date; totalAmount?: `${number}`; salesOrderLines?: LineModel["create"][] };
  readonly update: { orderDate?: Date };
  readonly key: string;
  readonly fields: { readonly id: "Edm.Guid"; readonly orderDate: "Edm.Date"; readonly totalAmount: "Edm.Decimal" };
  readonly navigation: { readonly salesOrderLines: NavigationModel<LineModel, true> };
  readonly actions: {};
  readonly streams: never;
}
registry.define<LineModel>({ name: "NS.salesOrderLine", keys: ["sequence"], properties: { sequence: "Edm.Int32", unitPrice: "Edm.Decimal" }, navigation: {}, actions: {}, streams: [] });
const orderType = registry.define<OrderModel>({
  name: "NS.salesOrder",
  keys: ["id"],
  properties: { id: "Edm.Guid", orderDate: "Edm.Date", totalAmount: "Edm.Decimal" },
  navigation: { salesOrderLines: { target: "NS.salesOrderLine", collection: true } },
  actions: {},
  streams: [],
});
const route = defineRoute({ kind: "api", path: "api/v2.0", sets: { salesOrders: defineEntitySet<OrderModel, "company">({ name: "salesOrders", type: orderType, scope: "company", capabilities: { insert: true, update: true, delete: true } }) }, operations: {}, codec });
const COMPANY = "5d115c9c-44e3-ea11-bb43-000d3a2feca1";
const ORDER = "6e115c9c-44e3-ea11-bb43-000d3a2feca1";
const wire = `{"@odata.etag":"W/\\"1\\"","id":"${ORDER}","orderDate":"2024-01-31","totalAmount":12345678901234567.89,"salesOrderLines":[{"sequence":10000,"unitPrice":0.10}]}`;

function recorder(answer: (request: Request, body: string) => Response) {
  const sent: { method: string; url: string; body: string }[] = [];
  const fetch = async (request: Request) => {
    const body = await request.text();
    sent.push({ method: request.method, url: request.url, body });
    return answer(request, body);
  };
  return { sent, company: createODataClient(route, { tenantId: "t", environment: "e", fetch, retry: false }).company(COMPANY) };
}
const json = (text: string, status = 200) => new Response(text, { status, headers: { "Content-Type": "application/json" } });

describe("a route generated with dates as Date and decimals as strings", () => {
  it("reads pages losslessly, with Dates, expanded lines converted, and nextLink paging intact", async () => {
    const { company, sent } = recorder((request) =>
      request.url.includes("skiptoken") ? json(`{"value":[${wire}]}`) : json(`{"@odata.count":2,"value":[${wire}],"@odata.nextLink":"https://api.businesscentral.dynamics.com/v2.0/t/e/api/v2.0/companies(${COMPANY})/salesOrders?$skiptoken=1"}`),
    );
    const rows = [];
    for await (const order of company.salesOrders.list({ expand: { salesOrderLines: {} } })) rows.push(order);
    expect(sent).toHaveLength(2);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ orderDate: new Date("2024-01-31T00:00:00Z"), totalAmount: "12345678901234567.89", salesOrderLines: [{ sequence: 10000, unitPrice: "0.10" }] });
    expect(rows[0]!.orderDate).toBeInstanceOf(Date);
  });

  it("writes Dates and decimal strings on create (deep insert) and update, and converts the answers", async () => {
    const { company, sent } = recorder(() => json(wire, 201));
    const created = await company.salesOrders.create({ orderDate: new Date(Date.UTC(2024, 0, 31)), totalAmount: "1000.00", salesOrderLines: [{ unitPrice: "0.10" }] });
    expect(sent[0]!.body).toBe('{"orderDate":"2024-01-31","totalAmount":1000.00,"salesOrderLines":[{"unitPrice":0.10}]}');
    expect(created.orderDate).toEqual(new Date("2024-01-31T00:00:00Z"));
    const updated = await company.salesOrders.byId(ORDER).update({ orderDate: new Date(Date.UTC(2024, 1, 1)) }, { etag: 'W/"1"' });
    expect(sent[1]).toMatchObject({ method: "PATCH", body: '{"orderDate":"2024-02-01"}' });
    expect(updated.totalAmount).toBe("12345678901234567.89");
  });

  it("filters with Date values as OData date literals", () => {
    const { company } = recorder(() => json("{}"));
    const url = company.salesOrders.query({ filter: (f) => f.orderDate.ge(new Date(Date.UTC(2024, 0, 1))) }).toUrl();
    expect(decodeURIComponent(url)).toContain("$filter=orderDate ge 2024-01-01");
  });

  it("converts batch bodies and answers the same way", async () => {
    const { company, sent } = recorder(() => json(`{"responses":[{"id":"1","status":201,"headers":{},"body":${wire}},{"id":"2","status":200,"headers":{},"body":${wire}}]}`));
    const [created, read] = await company.batch((b) => [b.salesOrders.create({ totalAmount: "0.30" }), b.salesOrders.byId(ORDER).get()] as const, { atomic: true });
    expect(JSON.parse(sent[0]!.body).requests[0].body).toEqual({ totalAmount: 0.3 });
    expect(sent[0]!.body).toContain('"body":{"totalAmount":0.30}');
    expect(created.totalAmount).toBe("12345678901234567.89");
    expect(read.orderDate).toEqual(new Date("2024-01-31T00:00:00Z"));
  });

  it("refuses a malformed decimal before sending anything", async () => {
    const { company, sent } = recorder(() => json(wire, 201));
    await expect(company.salesOrders.create({ totalAmount: "1.000,00" as `${number}` })).rejects.toThrow(ODataValueError);
    expect(sent).toHaveLength(0);
  });
});
