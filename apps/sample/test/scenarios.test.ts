import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cronusCompanyId } from "@bcts/emulator";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { clientFor } from "../src/company.js";
import { delegatedSignIn } from "../src/scenarios/delegated-sign-in.js";
import { itemPricesBatch } from "../src/scenarios/item-prices-batch.js";
import { listCompanies } from "../src/scenarios/list-companies.js";
import { salesOrder } from "../src/scenarios/sales-order.js";
import { syncCustomers, type CustomerSyncFile } from "../src/scenarios/sync-customers.js";
import { webhook } from "../src/scenarios/webhook.js";
import { resolveTarget, type Target } from "../src/target.js";
import { startWebhookReceiver } from "../src/webhook-receiver.js";

/** Runs a scenario with stdout captured; returns what it printed. */
async function run(scenario: () => Promise<void>): Promise<string> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  try {
    await scenario();
  } finally {
    spy.mockRestore();
  }
  return out.join("");
}

// Every scenario in-process against one emulator, asserting on what changed there.
describe("sample scenarios against the embedded emulator", () => {
  let target: Target;
  const work = mkdtempSync(join(tmpdir(), "bcts-scenarios-"));
  const companyId = () => cronusCompanyId;

  beforeAll(async () => {
    target = await resolveTarget({}, { emulator: { bc: { webhooks: { delayMs: 200 } } } });
  });
  afterAll(async () => {
    await target?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const requests = (pattern: RegExp) => target.emulator!.bc.requests.filter((r) => pattern.test(decodeURIComponent(r.path)));

  test("list-companies (seed 000) reads companies and users through the automation route", async () => {
    const text = await run(() => listCompanies(target));
    expect(text).toContain("/api/microsoft/automation/v2.0/companies?$select=id,name,displayName,businessProfileId&$orderby=name");
    expect(text).toContain("CRONUS USA, Inc.");
    expect(text).toContain("admin@cronus-demo.onmicrosoft.com");
    expect(requests(/\/api\/microsoft\/automation\/v2\.0\/companies$/).map((r) => r.status)).toEqual([200]);
  });

  test("sync-customers copies every customer page by page, then fetches only what changed", async () => {
    const file = join(work, "customers.json");
    const bc = clientFor(target);
    const all = [];
    for await (const c of bc.company(companyId()).customers.list({ select: ["id", "displayName"] })) all.push(c);
    expect(all.length).toBeGreaterThan(2);

    const first = await run(() => syncCustomers(target, { file, pageSize: 2 }));
    const copy = JSON.parse(readFileSync(file, "utf8")) as CustomerSyncFile;
    expect(Object.keys(copy.customers).sort()).toEqual(all.map((c) => c.id).sort());
    expect(first).toContain(`… page ${Math.ceil(all.length / 2)}:`);
    expect(first).toContain(`${all.length} fetched in ${Math.ceil(all.length / 2)} pages`);

    const changed = all[1]!;
    await bc.company(companyId()).customers.byId(changed.id).update({ displayName: `${changed.displayName} (synced)` });
    const second = await run(() => syncCustomers(target, { file, pageSize: 2 }));
    expect(second).toContain(`Fetch customers changed after ${copy.lastModifiedDateTime}`);
    expect(second).toContain("1 fetched in 1 page;");
    const after = JSON.parse(readFileSync(file, "utf8")) as CustomerSyncFile;
    expect(Object.keys(after.customers)).toHaveLength(all.length);
    expect(after.customers[changed.id]!.displayName).toBe(`${changed.displayName} (synced)`);
    expect(Date.parse(after.lastModifiedDateTime!)).toBeGreaterThan(Date.parse(copy.lastModifiedDateTime!));

    const third = await run(() => syncCustomers(target, { file, pageSize: 2 }));
    expect(third).toContain("0 fetched in 1 page;");
  });

  test("sales-order creates an order with lines in one POST, ships and invoices it: a posted invoice with its lines exists", async () => {
    const bc = clientFor(target);
    const company = bc.company(companyId());
    const before = new Set<string>();
    for await (const i of company.salesInvoices.list({ select: ["id"] })) before.add(i.id);

    const text = await run(() => salesOrder(target, { lines: 2 }));
    const orderNumber = /201 Created: order (\S+),/.exec(text)?.[1];
    expect(orderNumber).toBeDefined();
    expect(requests(/\/salesOrders$/).filter((r) => r.method === "POST")).toHaveLength(1); // lines came with the header

    const created = [];
    for await (const i of company.salesInvoices.list({ select: ["id", "orderNumber", "status"], expand: { salesInvoiceLines: { select: ["lineObjectNumber", "quantity"] } } })) {
      if (!before.has(i.id)) created.push(i);
    }
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ orderNumber, status: "Open" });
    expect(created[0]!.salesInvoiceLines.map((l) => l.quantity)).toEqual([1, 2]);
    const orders = [];
    for await (const o of company.salesOrders.list({ select: ["number"], filter: (f) => f.number.eq(orderNumber!) })) orders.push(o);
    expect(orders).toEqual([]);
  });

  test("item-prices-batch changes all prices in one atomic batch; the batch with a stale ETag changes none", async () => {
    const text = await run(() => itemPricesBatch(target, { runId: "price-test", items: 3, percent: 10, cleanup: false }));
    expect(text).toContain("ODataBatchError: operation 0 failed with 409 Request_EntityChanged");
    const items = [];
    for await (const i of clientFor(target).company(companyId()).items.list({ select: ["displayName", "unitPrice"], filter: (f) => f.displayName.startsWith("bcts price demo price-test"), orderBy: ["displayName"] })) items.push(i);
    // created at 10/20/30, raised by 10 % once; the failed batch would have made them 12.1/24.2/36.3
    expect(items.map((i) => i.unitPrice)).toEqual([11, 22, 33]);
    expect(requests(/\/api\/v2\.0\/\$batch$/).map((r) => r.status)).toEqual([200, 200, 200]);
  });

  test("webhook: the receiver answers the handshake, gets the notification for the new customer, and the subscription is removed", async () => {
    const receiver = await startWebhookReceiver();
    try {
      const text = await run(() => webhook(target, { runId: "hook-test", receiver, timeoutInMs: 10_000 }));
      expect(receiver.handshakes).toHaveLength(1);
      const created = receiver.notifications.filter((n) => n.changeType === "created");
      expect(created).toHaveLength(1);
      expect(created[0]!.resource).toMatch(new RegExp(`^api/v2\\.0/companies\\(${companyId()}\\)/customers\\([0-9a-f-]{36}\\)$`));
      expect(text).toContain("bcts webhook demo hook-test");
      expect(target.emulator!.bc.webhooks.deliveries.some((d) => d.notificationUrl === receiver.url && d.status === 200)).toBe(true);
      const left = [];
      for await (const s of clientFor(target).subscriptions.list()) left.push(s);
      expect(left).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  test("delegated-sign-in (seed 004): the authorization URL is redeemed after the demo user signs in, and BC is called with the user's token", async () => {
    const entra = target.emulator!.entra;
    entra.clearRequests();
    const before = target.emulator!.bc.requests.length;
    const text = await run(() => delegatedSignIn(target));
    expect(text).toMatch(/\/oauth2\/v2\.0\/authorize\?client_id=.*code_challenge_method=S256/);
    expect(text).toContain("its demo user admin@cronus-demo.onmicrosoft.com now signs in");
    expect(text).toContain("signed in as admin@cronus-demo.onmicrosoft.com");
    expect(text).not.toMatch(/code=(?!\[redacted\])/);
    const flow = entra.requests.filter((r) => r.endpoint === "authorize" || r.endpoint === "token").map((r) => `${r.method} ${r.endpoint} ${r.grantType ?? ""} ${r.status}`.replace(/\s+/g, " "));
    expect(flow).toEqual(["GET authorize 200", "POST authorize 302", "POST token authorization_code 200"]);
    const calls = target.emulator!.bc.requests.slice(before);
    expect(calls.map((r) => `${r.method} ${r.path.replace(/^.*\/api\/v2\.0/, "")} ${r.status}`)).toEqual(["GET /companies 200"]);
  });
});
