// The five queries, written with odata2ts 0.34's generated service (BcApiService).
import { FetchClient } from "@odata2ts/http-client-fetch";
import { BcApiService } from "../../.work/gen/api-v2.0/odata2ts/src/BcApiService";
import type { ConsumerTarget, FiveQueries } from "../consumer-target";

export function createQueries(target: ConsumerTarget): FiveQueries {
  const client = new FetchClient({ headers: { Authorization: `Bearer ${target.token}` } });
  const api = new BcApiService(client, target.serviceRoot);
  const company = api.companies(target.companyId);
  return {
    async listCompanies() {
      const res = await api.companies().query();
      return res.data.value.length;
    },
    async customersSelectFilter() {
      const res = await company.customers().query((b, q) => b.select("id", "number", "displayName").filter(q.displayName.startsWith("A")));
      return res.data.value.length;
    },
    async customerById() {
      const res = await company.customers(target.customerId).query();
      return res.data.id ? 1 : 0;
    },
    async itemsOrderByTop() {
      const res = await company.items().query((b, q) => b.orderBy(q.displayName.asc()).top(5));
      return res.data.value.length;
    },
    async salesOrdersWithLines() {
      const res = await company.salesOrders().query((b) => b.expand("salesOrderLines"));
      return res.data.value.reduce((n, o) => n + 1 + (o.salesOrderLines?.length ?? 0), 0);
    },
  };
}
