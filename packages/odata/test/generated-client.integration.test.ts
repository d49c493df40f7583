// The generated api/v2.0 client (@bcts/client, from real metadata) on this runtime, against @bcts/emulator.
// Imported by relative path: @bcts/client depends on us, so it is not one of our devDependencies.
import { ClientSecretProvider } from "@bcts/auth";
import { startEmulator, type Emulator } from "@bcts/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBusinessCentralClient } from "../../client/src/index.js";
import { ODataBatchError, ODataConcurrencyError } from "../src/index.js";

let emu: Emulator;
let bc: ReturnType<typeof createBusinessCentralClient>;
let companyId: string;

beforeAll(async () => {
  emu = await startEmulator();
  const credential = new ClientSecretProvider({ tenantId: emu.tenantId, clientId: emu.clientId, clientSecret: emu.clientSecret, authorityHost: emu.authorityHost, ca: emu.caPem });
  bc = createBusinessCentralClient({ tenantId: emu.tenantId, environment: emu.environment, baseUrl: emu.bcBaseUrl, credential });
  for await (const c of bc.companies.list({ select: ["id", "name"], top: 1 })) companyId = c.id;
});
afterAll(async () => {
  await emu?.close();
});

describe("generated api/v2.0 client on @bcts/odata against the emulator", () => {
  it("customers: typed query, create, update with ETag, stale ETag, delete", async () => {
    const company = bc.company(companyId);
    const rows = [];
    for await (const c of company.customers.list({ select: ["number", "displayName", "balanceDue"], filter: (f) => f.balanceDue.ge(0), orderBy: ["displayName"] })) rows.push(c);
    expect(rows.length).toBeGreaterThan(0);
    const created = await company.customers.create({ displayName: "bcts generated" });
    const updated = await company.customers.byId(created.id).update({ displayName: "bcts generated 2" }, { entity: created });
    expect(updated.displayName).toBe("bcts generated 2");
    await expect(company.customers.byId(created.id).update({ displayName: "x" }, { entity: created })).rejects.toBeInstanceOf(ODataConcurrencyError);
    await company.customers.byId(created.id).delete();
  });

  it("sales order: deep insert, expand lines, bound action", async () => {
    const company = bc.company(companyId);
    let customerNumber = "";
    for await (const c of company.customers.list({ select: ["number"], top: 1 })) customerNumber = c.number ?? "";
    let itemNumber = "";
    for await (const i of company.items.list({ select: ["number"], top: 1 })) itemNumber = i.number ?? "";
    const order = await company.salesOrders.create({ customerNumber, salesOrderLines: [{ lineType: "Item", lineObjectNumber: itemNumber, quantity: 2 }] });
    const withLines = await company.salesOrders.byId(order.id).get({ select: ["number"], expand: { salesOrderLines: { select: ["lineObjectNumber", "quantity"] } } });
    expect(withLines.salesOrderLines.map((l) => [l.lineObjectNumber, l.quantity])).toEqual([[itemNumber, 2]]);
    await company.salesOrders.byId(order.id).shipAndInvoice();
  });

  it("bound actions in an atomic batch: both applied together, or neither when one fails", async () => {
    const company = bc.company(companyId);
    let customerNumber = "";
    for await (const c of company.customers.list({ select: ["number"], top: 1 })) customerNumber = c.number ?? "";
    let itemNumber = "";
    for await (const i of company.items.list({ select: ["number"], top: 1 })) itemNumber = i.number ?? "";
    const order = () => company.salesOrders.create({ customerNumber, salesOrderLines: [{ lineType: "Item", lineObjectNumber: itemNumber, quantity: 1 }] });
    let draftId = "";
    for await (const d of company.salesInvoices.list({ select: ["id"], filter: (f) => f.status.eq("Draft"), top: 1 })) draftId = d.id;
    expect(draftId).not.toBe("");

    const first = await order();
    const done = await company.batch((x) => [x.salesInvoices.byId(draftId).post(), x.salesOrders.byId(first.id).shipAndInvoice()] as const, { atomic: true });
    expect(done).toEqual([undefined, undefined]);
    expect((await company.salesInvoices.byId(draftId).get({ select: ["status"] })).status).toBe("Open");
    await expect(company.salesOrders.byId(first.id).get()).rejects.toMatchObject({ status: 404 });

    // The invoice is posted now: BC refuses to post it again, and the batch rolls back the other order's shipAndInvoice.
    const second = await order();
    const failed = await company.batch((x) => [x.salesOrders.byId(second.id).shipAndInvoice(), x.salesInvoices.byId(draftId).post()] as const, { atomic: true }).then(() => undefined, (e: unknown) => e);
    expect(failed).toBeInstanceOf(ODataBatchError);
    expect((failed as ODataBatchError).failures.map((f) => [f.index, f.error.code])).toEqual([[1, "Application_DialogException"]]);
    expect((await company.salesOrders.byId(second.id).get({ select: ["id"] })).id).toBe(second.id);
  });

  it("item picture: upload and download Edm.Stream", async () => {
    const company = bc.company(companyId);
    let itemId = "";
    for await (const i of company.items.list({ select: ["id"], top: 1 })) itemId = i.id;
    const bytes = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]);
    await company.items.byId(itemId).picture.pictureContent.upload(bytes);
    expect(await company.items.byId(itemId).picture.pictureContent.download()).toEqual(bytes);
  });
});
