// A bcts consumer that imports only three entity set modules of the committed API v2.0 client
// (issue 4: "a consumer importing three entity sets" type-checks in under 2 s). The bench
// type-checks it; it also runs against a ConsumerTarget from BENCH_TARGET like the other consumers.
import { createODataClient, defineRoute } from "@bcts/odata";
import { customersSet } from "@bcts/client/api-v2.0/customer";
import { itemsSet } from "@bcts/client/api-v2.0/item";
import { salesOrdersSet } from "@bcts/client/api-v2.0/sales-order";
import type { ConsumerTarget } from "../consumer-target";

const threeSets = defineRoute({
  kind: "api",
  path: "api/v2.0",
  sets: { customers: customersSet, items: itemsSet, salesOrders: salesOrdersSet },
  operations: {},
});

const target = JSON.parse(process.env["BENCH_TARGET"] ?? "{}") as ConsumerTarget;
const bc = createODataClient(threeSets, {
  serviceRootUrl: target.serviceRoot,
  credential: { getToken: async () => ({ token: target.token, tokenType: "Bearer", expiresOnTimestamp: Date.now() + 3_600_000 }) },
});
const company = bc.company(target.companyId);

const names: string[] = [];
for await (const c of company.customers.list({ select: ["id", "number", "displayName"], filter: (f) => f.displayName.startsWith("A") })) {
  names.push(`${c.number ?? ""} ${c.displayName}`);
}

const cheap: { number: string | null; unitPrice: number | null }[] = [];
for await (const i of company.items.list({ select: ["number", "unitPrice"], filter: (f) => f.unitPrice.lt(100), orderBy: ["unitPrice"], top: 5 })) {
  cheap.push({ number: i.number, unitPrice: i.unitPrice });
}

let lines = 0;
let total = 0;
for await (const o of company.salesOrders.list({ select: ["number", "orderDate", "totalAmountIncludingTax"], expand: { salesOrderLines: true } })) {
  lines += o.salesOrderLines.length;
  total += o.totalAmountIncludingTax ?? 0;
}

console.log(JSON.stringify({ customers: names.length, items: cheap.length, lines, total }));
