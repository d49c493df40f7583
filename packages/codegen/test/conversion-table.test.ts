import { describe, expect, it } from "vitest";
import { DEFAULT_NAMING } from "../src/config/resolve-naming.js";
import { parseCsdl } from "../src/csdl/parse-csdl.js";
import { conversionTable } from "../src/emit/conversion-table.js";
import type { EmitOptions } from "../src/emit/emit-options.js";
import { buildModel } from "../src/model/build-model.js";
import { edmx } from "./edmx.js";

const entity = (name: string, body = "") => `<EntityType Name="${name}"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid" Nullable="false"/>${body}</EntityType>`;
const nav = (name: string, type: string) => `<NavigationProperty Name="${name}" Type="${type}" ContainsTarget="true"/>`;
const prop = (name: string, type: string) => `<Property Name="${name}" Type="${type}"/>`;
const container = (sets: string) => `<EntityContainer Name="NAV">${sets}</EntityContainer>`;
const set = (name: string, type: string) => `<EntitySet Name="${name}" EntityType="Microsoft.NAV.${type}"/>`;

const options = (o: Partial<EmitOptions>): EmitOptions => ({ decimal: "number", int64: "number", dates: "string", runtimeModule: "@bcts/odata", openapi: false, ...o });
const table = (body: string, o: Partial<EmitOptions>) => {
  const model = buildModel(parseCsdl(edmx(body), { source: "doc.xml", maxBytes: 1e6 }), { routeName: "api", routeKind: "api", routePath: "api/v2.0", entitySets: "all", naming: DEFAULT_NAMING }, "doc.xml");
  return Object.fromEntries([...conversionTable(model, options(o))].map(([type, entries]) => [type, Object.fromEntries(entries)]));
};

const orders =
  entity("salesOrder", prop("orderDate", "Edm.Date") + prop("total", "Edm.Decimal") + prop("number", "Edm.String") + nav("salesOrderLines", "Collection(Microsoft.NAV.salesOrderLine)") + nav("customer", "Microsoft.NAV.customer")) +
  entity("salesOrderLine", prop("unitPrice", "Edm.Decimal") + prop("address", "Microsoft.NAV.address") + nav("salesOrder", "Microsoft.NAV.salesOrder")) +
  entity("customer", prop("name", "Edm.String") + nav("currency", "Microsoft.NAV.currency")) +
  entity("currency", prop("code", "Edm.String")) +
  `<ComplexType Name="address">${prop("validFrom", "Edm.Date")}${prop("entryNo", "Edm.Int64")}</ComplexType>` +
  container(set("salesOrders", "salesOrder") + set("salesOrderLines", "salesOrderLine") + set("customers", "customer") + set("currencies", "currency"));

describe("conversionTable", () => {
  it.each([
    ["plain JSON options convert nothing", {}, {}],
    [
      "dates: only date properties, complex holders and navigation that reaches them (cycles end)",
      { dates: "Date" as const },
      {
        "Microsoft.NAV.address": { validFrom: "Edm.Date" },
        "Microsoft.NAV.salesOrder": { orderDate: "Edm.Date", salesOrderLines: "Microsoft.NAV.salesOrderLine" },
        "Microsoft.NAV.salesOrderLine": { address: "Microsoft.NAV.address", salesOrder: "Microsoft.NAV.salesOrder" },
      },
    ],
    [
      "decimals as strings: decimal properties; customer and currency reach nothing and are left out",
      { decimal: "string" as const },
      {
        "Microsoft.NAV.salesOrder": { salesOrderLines: "Microsoft.NAV.salesOrderLine", total: "Edm.Decimal" },
        "Microsoft.NAV.salesOrderLine": { salesOrder: "Microsoft.NAV.salesOrder", unitPrice: "Edm.Decimal" },
      },
    ],
    [
      "Int64 as strings: only through the complex address",
      { int64: "string" as const },
      {
        "Microsoft.NAV.address": { entryNo: "Edm.Int64" },
        "Microsoft.NAV.salesOrder": { salesOrderLines: "Microsoft.NAV.salesOrderLine" },
        "Microsoft.NAV.salesOrderLine": { address: "Microsoft.NAV.address", salesOrder: "Microsoft.NAV.salesOrder" },
      },
    ],
  ])("%s", (_, o, expected) => {
    expect(table(orders, o)).toEqual(expected);
  });
});
