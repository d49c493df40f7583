// The five queries, written with the SAP Cloud SDK 4.5.1 generated client (bcApi()).
// SAP has no notion of the `companies({id})/` prefix: company-scoped requests get it in the
// destination URL. SAP generated no navigation properties for BC (no NavigationPropertyBinding),
// so `$expand` is not typed: query 5 uses the untyped escape hatch addCustomQueryParameters.
import { asc, filterFunctions } from "@sap-cloud-sdk/odata-v4";
import { bcApi } from "../../.work/gen/api-v2.0/sap/src/BcApi";
import type { ConsumerTarget, FiveQueries } from "../consumer-target";

export function createQueries(target: ConsumerTarget): FiveQueries {
  const { companiesApi, customersApi, itemsApi, salesOrdersApi } = bcApi();
  const headers = { Authorization: `Bearer ${target.token}` };
  const root = { url: target.serviceRoot, headers };
  const company = { url: `${target.serviceRoot}/companies(${target.companyId})`, headers };
  const c = customersApi.schema;
  return {
    async listCompanies() {
      return (await companiesApi.requestBuilder().getAll().execute(root)).length;
    },
    async customersSelectFilter() {
      const rows = await customersApi.requestBuilder().getAll()
        .select(c.ID, c.NUMBER, c.DISPLAY_NAME)
        .filter(filterFunctions().startsWith(c.DISPLAY_NAME, "A").equals(true))
        .execute(company);
      return rows.length;
    },
    async customerById() {
      const one = await customersApi.requestBuilder().getByKey(target.customerId).execute(company);
      return one.id ? 1 : 0;
    },
    async itemsOrderByTop() {
      return (await itemsApi.requestBuilder().getAll().orderBy(asc(itemsApi.schema.DISPLAY_NAME)).top(5).execute(company)).length;
    },
    async salesOrdersWithLines() {
      const rows = await salesOrdersApi.requestBuilder().getAll().addCustomQueryParameters({ $expand: "salesOrderLines" }).execute(company);
      return rows.length;
    },
  };
}
