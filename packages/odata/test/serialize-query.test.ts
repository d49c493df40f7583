import { describe, expect, it } from "vitest";
import { createODataClient, ODataQueryError, unsafeRawFilter } from "../src/index.js";
import { apiV2_0 } from "./fixtures/api-model.js";
import { odataV4 } from "./fixtures/odatav4-model.js";

const COMPANY = "5d115c9c-44e3-ea11-bb43-000d3a2feca1";
const bc = createODataClient(apiV2_0, { tenantId: "contoso.onmicrosoft.com", environment: "production", fetch: () => Promise.reject(new Error("no I/O in this test")) });
const company = bc.company(COMPANY);
const ROOT = `https://api.businesscentral.dynamics.com/v2.0/contoso.onmicrosoft.com/production/api/v2.0/companies(${COMPANY})`;

/** The query string after `?`, percent-decoded, for readable tables. */
function decoded(url: string): string {
  return decodeURIComponent(url.slice(url.indexOf("?") + 1));
}

describe("query → URL (given options, want decoded query string)", () => {
  const table: Array<[string, () => string, string]> = [
    ["select", () => company.customers.query({ select: ["number", "displayName"] }).toUrl(), "$select=number,displayName"],
    ["comparison on decimal", () => company.customers.query({ filter: (f) => f.balanceDue.gt(0) }).toUrl(), "$filter=balanceDue gt 0"],
    [
      "and + startswith (the README example)",
      () => company.customers.query({ select: ["number", "displayName", "balanceDue"], filter: (f) => f.balanceDue.gt(0).and(f.displayName.startsWith("Ad")), orderBy: ["displayName"] }).toUrl(),
      "$select=number,displayName,balanceDue&$filter=balanceDue gt 0 and startswith(displayName,'Ad')&$orderby=displayName",
    ],
    ["string quote doubling", () => company.customers.query({ filter: (f) => f.displayName.eq("O'Brien") }).toUrl(), "$filter=displayName eq 'O''Brien'"],
    ["contains / endswith", () => company.customers.query({ filter: (f) => f.displayName.contains("a&b").and(f.number.endsWith("0")) }).toUrl(), "$filter=contains(displayName,'a&b') and endswith(number,'0')"],
    ["tolower", () => company.customers.query({ filter: (f) => f.displayName.toLower().eq("adatum") }).toUrl(), "$filter=tolower(displayName) eq 'adatum'"],
    ["toupper", () => company.customers.query({ filter: (f) => f.displayName.toUpper().ne("X") }).toUrl(), "$filter=toupper(displayName) ne 'X'"],
    ["substring", () => company.customers.query({ filter: (f) => f.number.substring(0, 2).eq("10") }).toUrl(), "$filter=substring(number,0,2) eq '10'"],
    ["guid unquoted", () => company.customers.query({ filter: (f) => f.id.eq(COMPANY.toUpperCase()) }).toUrl(), `$filter=id eq ${COMPANY}`],
    ["date unquoted", () => company.customers.query({ filter: (f) => f.lastPaymentDate.ge("2024-01-01") }).toUrl(), "$filter=lastPaymentDate ge 2024-01-01"],
    ["datetimeoffset unquoted", () => company.customers.query({ filter: (f) => f.lastModifiedDateTime.gt(new Date(Date.UTC(2019, 7, 18, 20, 5, 51, 603))) }).toUrl(), "$filter=lastModifiedDateTime gt 2019-08-18T20:05:51.603Z"],
    ["enum raw wire name", () => company.customers.query({ filter: (f) => f.type.eq("_x0020_") }).toUrl(), "$filter=type eq '_x0020_'"],
    ["boolean", () => company.customers.query({ filter: (f) => f.blocked.eq(false) }).toUrl(), "$filter=blocked eq false"],
    ["null", () => company.customers.query({ filter: (f) => f.displayName.eq(null) }).toUrl(), "$filter=displayName eq null"],
    ["or on the same field", () => company.customers.query({ filter: (f) => f.number.eq("1").or(f.number.eq("2")) }).toUrl(), "$filter=number eq '1' or number eq '2'"],
    ["in → or chain", () => company.customers.query({ filter: (f) => f.number.in(["1", "2", "3"]) }).toUrl(), "$filter=number eq '1' or number eq '2' or number eq '3'"],
    ["or inside and is grouped", () => company.customers.query({ filter: (f) => f.number.in(["1", "2"]).and(f.blocked.eq(false)) }).toUrl(), "$filter=(number eq '1' or number eq '2') and blocked eq false"],
    ["not of a comparison", () => company.customers.query({ filter: (f) => f.balanceDue.gt(0).not() }).toUrl(), "$filter=balanceDue le 0"],
    ["not of contains", () => company.customers.query({ filter: (f) => f.displayName.contains("x").not() }).toUrl(), "$filter=not (contains(displayName,'x'))"],
    ["orderBy desc, top, skip, count", () => company.customers.query({ orderBy: ["balanceDue desc", "number asc"], top: 10, skip: 20, count: true }).toUrl(), "$orderby=balanceDue desc,number&$top=10&$skip=20&$count=true"],
    ["expand", () => company.salesOrders.query({ expand: { salesOrderLines: true } }).toUrl(), "$expand=salesOrderLines"],
    [
      "nested expand with select/filter/orderBy/top/expand",
      () =>
        company.salesOrders
          .query({ select: ["number"], expand: { salesOrderLines: { select: ["sequence", "quantity"], filter: (f) => f.quantity.gt(1), orderBy: ["sequence"], top: 5, expand: { item: { select: ["number"] } } }, customer: true } })
          .toUrl(),
      "$select=number&$expand=salesOrderLines($select=sequence,quantity;$filter=quantity gt 1;$orderby=sequence;$top=5;$expand=item($select=number)),customer",
    ],
    ["raw escape hatch", () => company.customers.query({ filter: unsafeRawFilter("balanceDue gt 0 or blocked eq true") }).toUrl(), "$filter=balanceDue gt 0 or blocked eq true"],
  ];
  it.each(table)("%s", (_, build, want) => {
    expect(decoded(build())).toBe(want);
  });

  it("escapes &, #, +, % and spaces so a value cannot start another query option", () => {
    const url = company.customers.query({ filter: (f) => f.displayName.eq("a&$top=1#+%") }).toUrl();
    expect(url).toBe(`${ROOT}/customers?$filter=displayName%20eq%20'a%26$top=1%23%2B%25'`);
    expect(new URL(url).searchParams.get("$filter")).toBe("displayName eq 'a&$top=1#+%'");
    expect([...new URL(url).searchParams.keys()]).toEqual(["$filter"]);
  });

  it("sends no query string when there are no options", () => {
    expect(company.customers.query().toUrl()).toBe(`${ROOT}/customers`);
    expect(company.customers.query({}).toUrl()).toBe(`${ROOT}/customers`);
  });
});

describe("queries Business Central would reject or silently ignore are refused before sending", () => {
  const table: Array<[string, () => string, RegExp]> = [
    // @ts-expect-error or across different fields is rejected by BC
    ["or across fields", () => company.customers.query({ filter: (f) => f.balanceDue.gt(0).or(f.displayName.eq("x")) }).toUrl(), /rejects "or" across different fields \(balanceDue, displayName\)/],
    ["not(and) becomes or across fields", () => company.customers.query({ filter: (f) => f.balanceDue.gt(0).and(f.priority.eq(1)).not() }).toUrl(), /across different fields/],
    ["empty in", () => company.customers.query({ filter: (f) => f.number.in([]) }).toUrl(), /in\(\[\]\) matches nothing/],
    ["bad guid", () => company.customers.query({ filter: (f) => f.id.eq("1 eq 1") }).toUrl(), /Invalid Edm.Guid literal "1 eq 1" for "id"/],
    ["negative top", () => company.customers.query({ top: -1 }).toUrl(), /Invalid top -1/],
    // @ts-expect-error select names must be fields of the entity
    ["select injection", () => company.customers.query({ select: ["number&$top=1"] }).toUrl(), /Invalid property name/],
    // @ts-expect-error orderBy names must be fields
    ["orderBy injection", () => company.customers.query({ orderBy: ["number,x desc"] }).toUrl(), /Invalid orderBy item/],
    // @ts-expect-error expand names must be navigation properties
    ["unknown expand", () => company.customers.query({ expand: { nope: true } }).toUrl(), /has no navigation property "nope"/],
  ];
  it.each(table)("%s", (_, build, message) => {
    expect(build).toThrow(ODataQueryError);
    expect(build).toThrow(message);
  });
});

describe("routing", () => {
  it("online default: tenant and environment", () => {
    expect(bc.companies.toUrl()).toBe("https://api.businesscentral.dynamics.com/v2.0/contoso.onmicrosoft.com/production/api/v2.0/companies");
    expect(company.toUrl()).toBe(ROOT);
    expect(company.customers.byId(COMPANY).toUrl()).toBe(`${ROOT}/customers(${COMPANY})`);
  });
  it("baseUrl replaces the origin (emulator)", () => {
    const local = createODataClient(apiV2_0, { tenantId: "t1", environment: "sandbox", baseUrl: "http://127.0.0.1:4010/", fetch });
    expect(local.companies.toUrl()).toBe("http://127.0.0.1:4010/v2.0/t1/sandbox/api/v2.0/companies");
  });
  it("serviceRootUrl replaces everything (on-premises)", () => {
    const onPrem = createODataClient(apiV2_0, { serviceRootUrl: "https://server:7048/BC/api/v2.0/", fetch });
    expect(onPrem.company(COMPANY).items.toUrl()).toBe(`https://server:7048/BC/api/v2.0/companies(${COMPANY})/items`);
  });
  it("custom API route paths are used as given", () => {
    const custom = createODataClient({ ...apiV2_0, path: "api/contoso/app1/v1.0" }, { tenantId: "t", environment: "e", fetch });
    expect(custom.companies.toUrl()).toBe("https://api.businesscentral.dynamics.com/v2.0/t/e/api/contoso/app1/v1.0/companies");
  });
  it("ODataV4 company by name: quoted, quote-doubled, percent-encoded", () => {
    const v4 = createODataClient(odataV4, { serviceRootUrl: "https://server:7048/BC/ODataV4", fetch });
    expect(v4.company({ name: "CRONUS USA, Inc." }).CustomerCard.toUrl()).toBe("https://server:7048/BC/ODataV4/Company('CRONUS%20USA%2C%20Inc.')/CustomerCard");
    expect(v4.company("O'Neil & Co").toUrl()).toBe("https://server:7048/BC/ODataV4/Company('O''Neil%20%26%20Co')");
    expect(v4.company({ id: COMPANY }).toUrl()).toBe(`https://server:7048/BC/ODataV4/Company(Id=${COMPANY})`);
    expect(v4.company("CRONUS").SalesOrder.byId({ Document_Type: "Order", No: "101005" }).toUrl()).toBe("https://server:7048/BC/ODataV4/Company('CRONUS')/SalesOrder(Document_Type='Order',No='101005')");
  });
  it("api routes need a company GUID", () => {
    expect(() => bc.company("CRONUS")).toThrow(/Invalid Edm.Guid literal "CRONUS" for "company id"/);
    expect(() => bc.company({ name: "CRONUS" })).toThrow(/addresses companies by id/);
  });
  it("needs tenantId unless serviceRootUrl is given", () => {
    expect(() => createODataClient(apiV2_0, { environment: "production" })).toThrow(/needs tenantId/);
  });
});
