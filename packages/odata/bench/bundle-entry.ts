// A program doing one typed query, shaped like a user of one generated entity-set module.
import { createODataClient, createTypeRegistry, defineEntitySet, defineRoute, type EntityModel, type EnumField } from "../src/index.js";

const registry = createTypeRegistry("api/v2.0");
interface Customer {
  readonly id: string;
  readonly number: string | null;
  readonly displayName: string | null;
  readonly type: "Company" | "Person" | null;
  readonly balanceDue: number | null;
  readonly "@odata.etag"?: string;
}
interface CustomerModel extends EntityModel {
  readonly entity: Customer;
  readonly create: { displayName?: string | null };
  readonly update: { displayName?: string | null };
  readonly key: string;
  readonly fields: { readonly id: "Edm.Guid"; readonly number: "Edm.String"; readonly displayName: "Edm.String"; readonly type: EnumField<"Company" | "Person">; readonly balanceDue: "Edm.Decimal" };
  readonly navigation: {};
  readonly actions: {};
  readonly streams: never;
}
const customerType = registry.define<CustomerModel>({
  name: "Microsoft.NAV.customer",
  keys: ["id"],
  properties: { id: "Edm.Guid", number: "Edm.String", displayName: "Edm.String", type: "enum", balanceDue: "Edm.Decimal" },
  navigation: {},
  actions: {},
  streams: [],
});
const customersSet = defineEntitySet<CustomerModel, "company">({ name: "customers", type: customerType, scope: "company", capabilities: { insert: true, update: true, delete: true } });
const route = defineRoute({ kind: "api", path: "api/v2.0", sets: { customers: customersSet }, operations: {} });

const bc = createODataClient(route, { tenantId: "contoso", environment: "production", credential: { getToken: async () => ({ token: "…" }) } });
for await (const c of bc.company("5d115c9c-44e3-ea11-bb43-000d3a2feca1").customers.list({
  select: ["number", "displayName", "balanceDue"],
  filter: (f) => f.balanceDue.gt(0).and(f.displayName.startsWith("Ad")),
  orderBy: ["displayName"],
})) {
  console.log(c.number, c.displayName, c.balanceDue);
}
