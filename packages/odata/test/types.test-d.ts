import { describe, expectTypeOf, it } from "vitest";
import { createODataClient, type EntityClient, type EntitySetClient, type PagedAsyncIterableIterator } from "../src/index.js";
import { apiV2_0, type Customer, type CustomerModel, type SalesOrder, type SalesOrderLine } from "./fixtures/api-model.js";
import { odataV4 } from "./fixtures/odatav4-model.js";

const bc = createODataClient(apiV2_0, { tenantId: "t", environment: "e" });
const company = bc.company("5d115c9c-44e3-ea11-bb43-000d3a2feca1");

describe("sets by scope", () => {
  it("root sets on the client, company sets on company()", () => {
    expectTypeOf(bc.companies).toEqualTypeOf<EntitySetClient<import("./fixtures/api-model.js").CompanyModel>>();
    expectTypeOf(company.customers).toEqualTypeOf<EntitySetClient<CustomerModel>>();
    // @ts-expect-error customers is company-scoped, not on the root client
    void bc.customers;
    // @ts-expect-error companies is root-scoped, not under a company
    void company.companies;
  });
});

describe("select narrows the row type", () => {
  it("to exactly the selected fields plus @odata.etag", () => {
    const rows = company.customers.list({ select: ["number", "displayName", "balanceDue"] });
    expectTypeOf(rows).toEqualTypeOf<PagedAsyncIterableIterator<Pick<Customer, "number" | "displayName" | "balanceDue" | "@odata.etag">>>();
  });
  it("without select: the whole entity", () => {
    expectTypeOf(company.customers.list()).toEqualTypeOf<PagedAsyncIterableIterator<Customer>>();
    expectTypeOf(company.customers.list({ top: 1 })).toEqualTypeOf<PagedAsyncIterableIterator<Customer>>();
  });
  it("rejects unknown fields", () => {
    // @ts-expect-error "nope" is not a field of customer
    company.customers.list({ select: ["number", "nope"] });
    // @ts-expect-error annotations cannot be selected
    company.customers.list({ select: ["@odata.etag"] });
  });
  it("get narrows too", async () => {
    const one = await company.customers.byId("x").get({ select: ["displayName"] });
    expectTypeOf(one).toEqualTypeOf<Pick<Customer, "displayName" | "@odata.etag">>();
    // @ts-expect-error a narrowed row has no unselected fields
    void one.number;
  });
});

describe("filter is typed per Edm type", () => {
  it("accepts the right operations and values", () => {
    company.customers.list({
      filter: (f) =>
        f.balanceDue
          .gt(0)
          .and(f.balanceDue.le("1000.00"))
          .and(f.displayName.startsWith("Ad"))
          .and(f.displayName.toLower().eq("adatum"))
          .and(f.type.eq("_x0020_"))
          .and(f.id.eq("5d115c9c-44e3-ea11-bb43-000d3a2feca1"))
          .and(f.lastPaymentDate.ge("2024-01-01"))
          .and(f.lastModifiedDateTime.lt(new Date()))
          .and(f.blocked.eq(false))
          .and(f.number.in(["1", "2"])),
    });
  });
  it("rejects misuse", () => {
    // @ts-expect-error a decimal is compared with numbers, not arbitrary strings
    company.customers.list({ filter: (f) => f.balanceDue.gt("lots") });
    // @ts-expect-error contains() exists only on strings
    company.customers.list({ filter: (f) => f.balanceDue.contains("1") });
    // @ts-expect-error enum values are the raw wire names of that enum
    company.customers.list({ filter: (f) => f.type.eq("Customer") });
    // @ts-expect-error GUIDs support eq/ne, not ordering
    company.customers.list({ filter: (f) => f.id.gt("x") });
    // @ts-expect-error booleans compare with booleans
    company.customers.list({ filter: (f) => f.blocked.eq("true") });
    // @ts-expect-error complex properties are not filterable
    company.customers.list({ filter: (f) => f.address.eq(null) });
    // @ts-expect-error or across different fields is rejected by BC
    company.customers.list({ filter: (f) => f.balanceDue.gt(0).or(f.displayName.eq("x")) });
    // @ts-expect-error nested functions need $schemaversion=2.1: no contains on tolower()
    company.customers.list({ filter: (f) => f.displayName.toLower().contains("x") });
    // @ts-expect-error unknown field
    company.customers.list({ filter: (f) => f.nope.eq(1) });
  });
  it("orderBy is typed", () => {
    company.customers.list({ orderBy: ["displayName", "balanceDue desc"] });
    // @ts-expect-error direction must be asc or desc
    company.customers.list({ orderBy: ["displayName down"] });
  });
});

describe("expand is typed by navigation", () => {
  it("collections become arrays, single navigations object-or-null, nested select narrows", async () => {
    const order = await company.salesOrders.byId("x").get({
      select: ["number"],
      expand: { salesOrderLines: { select: ["sequence"], filter: (f) => f.quantity.gt(1), expand: { item: { select: ["number"] } } }, customer: true },
    });
    expectTypeOf(order.number).toEqualTypeOf<SalesOrder["number"]>();
    expectTypeOf(order.customer).toEqualTypeOf<Customer | null>();
    expectTypeOf(order.salesOrderLines[0]!.sequence).toEqualTypeOf<SalesOrderLine["sequence"]>();
    expectTypeOf(order.salesOrderLines[0]!.item).toEqualTypeOf<{ readonly number: string | null; readonly "@odata.etag"?: string } | null>();
    // @ts-expect-error lines were narrowed to sequence
    void order.salesOrderLines[0]!.quantity;
  });
  it("rejects unknown navigation and mistyped nested filters", () => {
    // @ts-expect-error customers have no navigation "lines"
    company.customers.list({ expand: { lines: true } });
    // @ts-expect-error quantity is a decimal
    company.salesOrders.list({ expand: { salesOrderLines: { filter: (f) => f.quantity.eq("x") } } });
  });
});

describe("writes and actions", () => {
  it("create and update take the generated input types", () => {
    expectTypeOf(company.customers.create).parameter(0).toEqualTypeOf<CustomerModel["create"]>();
    expectTypeOf(company.customers.byId("x").update).parameter(0).toEqualTypeOf<CustomerModel["update"]>();
    // @ts-expect-error id is not writable
    company.customers.byId("x").update({ id: "y" });
    // @ts-expect-error ifMatch accepts only "*"
    company.customers.byId("x").update({}, { ifMatch: "W/x" });
    company.salesOrders.create({ customerNumber: "10000", salesOrderLines: [{ lineType: "Item", lineObjectNumber: "1896-S", quantity: 2 }] });
    // @ts-expect-error lineType is an enum
    company.salesOrders.create({ salesOrderLines: [{ lineType: "Thing" }] });
  });
  it("bound actions, navigation and streams", () => {
    expectTypeOf(company.salesOrders.byId("x").shipAndInvoice).toEqualTypeOf<(params?: {}, options?: import("../src/index.js").ActionOptions) => Promise<void>>();
    expectTypeOf(company.salesOrders.byId("x").salesOrderLines).toEqualTypeOf<EntitySetClient<import("./fixtures/api-model.js").SalesOrderLineModel>>();
    expectTypeOf(company.items.byId("x").picture).toEqualTypeOf<EntityClient<import("./fixtures/api-model.js").PictureModel>>();
    expectTypeOf(company.items.byId("x").picture.pictureContent.upload).parameter(0).toEqualTypeOf<Uint8Array | Blob>();
    // @ts-expect-error customers have no bound actions
    void company.customers.byId("x").shipAndInvoice;
  });
  it("unbound operations are typed by name", () => {
    const v4 = createODataClient(odataV4, { serviceRootUrl: "https://s/BC/ODataV4" }).company({ name: "CRONUS" });
    expectTypeOf(v4.invoke("CompanySetupService_ConfigureCompany", { name: "x" })).toEqualTypeOf<Promise<number | null>>();
    // @ts-expect-error no such operation
    void v4.invoke("CompanySetupService_Configure", { name: "x" });
    // @ts-expect-error name is a string
    void v4.invoke("CompanySetupService_ConfigureCompany", { name: 1 });
    // @ts-expect-error the operation takes parameters
    void v4.invoke("CompanySetupService_ConfigureCompany");
  });
  it("composite keys are objects", () => {
    const v4 = createODataClient(odataV4, { serviceRootUrl: "https://s/BC/ODataV4" }).company({ name: "CRONUS" });
    v4.SalesOrder.byId({ Document_Type: "Order", No: "1" });
    // @ts-expect-error a composite key needs every part
    v4.SalesOrder.byId({ No: "1" });
  });
});

describe("batch results are typed per operation", () => {
  it("atomic → values; otherwise settled results", async () => {
    const [a, b] = await company.batch((b) => [b.customers.create({}), b.items.byId("x").get({ select: ["number"] })], { atomic: true });
    expectTypeOf(a).toEqualTypeOf<Customer>();
    expectTypeOf(b).toEqualTypeOf<{ readonly number: string | null; readonly "@odata.etag"?: string }>();
    const [s] = await company.batch((b) => [b.customers.create({})]);
    if (s.ok) expectTypeOf(s.value).toEqualTypeOf<Customer>();
  });
  it("bound actions are batch operations of their result type", async () => {
    const [shipped] = await company.batch((b) => [b.salesOrders.byId("x").shipAndInvoice({}, { etag: 'W/"1"' })], { atomic: true });
    expectTypeOf(shipped).toEqualTypeOf<void>();
    // @ts-expect-error customers have no bound actions
    void company.batch((b) => [b.customers.byId("x").shipAndInvoice()]);
  });
});
