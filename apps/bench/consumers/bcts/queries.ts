// The five queries, written with bcts (@bcts/client, generated from api/v2.0; Contract 2).
import { createBusinessCentralClient } from "@bcts/client";
import type { ConsumerTarget, FiveQueries } from "../consumer-target";

export function createQueries(target: ConsumerTarget): FiveQueries {
  const bc = createBusinessCentralClient({
    serviceRootUrl: target.serviceRoot,
    credential: { getToken: async () => ({ token: target.token, tokenType: "Bearer", expiresOnTimestamp: Date.now() + 3_600_000 }) },
  });
  const company = bc.company(target.companyId);
  const count = async (rows: AsyncIterable<unknown>): Promise<number> => {
    let n = 0;
    for await (const _ of rows) n++;
    return n;
  };
  return {
    listCompanies: () => count(bc.companies.list()),
    customersSelectFilter: () =>
      count(company.customers.list({ select: ["id", "number", "displayName"], filter: (f) => f.displayName.startsWith("A") })),
    async customerById() {
      const one = await company.customers.byId(target.customerId).get();
      return one.id ? 1 : 0;
    },
    itemsOrderByTop: () => count(company.items.list({ orderBy: ["displayName"], top: 5 })),
    async salesOrdersWithLines() {
      let n = 0;
      for await (const o of company.salesOrders.list({ expand: { salesOrderLines: true } })) n += 1 + o.salesOrderLines.length;
      return n;
    },
  };
}
