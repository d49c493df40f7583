// End to end over HTTP against @bcts/emulator (fake Entra + fake BC serving real api/v2.0 $metadata),
// with a real @bcts/auth ClientSecretProvider as the credential.
import { ClientSecretProvider } from "@bcts/auth";
import { startEmulator, type Emulator } from "@bcts/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createODataClient, ODataBatchError, ODataConcurrencyError, ODataError } from "../src/index.js";
import { apiV2_0 } from "./fixtures/api-model.js";

let emu: Emulator;
let bc: ReturnType<typeof createODataClient<typeof apiV2_0.sets>>;
let companyId: string;

beforeAll(async () => {
  emu = await startEmulator();
  const credential = new ClientSecretProvider({ tenantId: emu.tenantId, clientId: emu.clientId, clientSecret: emu.clientSecret, authorityHost: emu.authorityHost, ca: emu.caPem });
  bc = createODataClient(apiV2_0, { tenantId: emu.tenantId, environment: emu.environment, baseUrl: emu.bcBaseUrl, credential });
  for await (const c of bc.companies.list({ select: ["id", "name"] })) {
    companyId = c.id;
    break;
  }
});
afterAll(async () => {
  await emu?.close();
});

describe("against the emulator", () => {
  it("lists customers with select, typed filter and orderBy", async () => {
    const company = bc.company(companyId);
    const rows = [];
    for await (const c of company.customers.list({ select: ["number", "displayName", "balanceDue"], filter: (f) => f.balanceDue.ge(0), orderBy: ["displayName"] })) rows.push(c);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(Object.keys(row).filter((k) => !k.startsWith("@")).sort()).toEqual(["balanceDue", "displayName", "number"]);
    const names = rows.map((r) => r.displayName ?? "");
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it("pages with maxPageSize", async () => {
    const company = bc.company(companyId);
    const sizes: number[] = [];
    let total = 0;
    for await (const page of company.customers.list({ select: ["number"] }).byPage({ maxPageSize: 2 })) {
      sizes.push(page.value.length);
      total += page.value.length;
    }
    expect(sizes.length).toBeGreaterThan(1);
    expect(sizes.every((n) => n <= 2)).toBe(true);
    const all = [];
    for await (const c of company.customers.list({ select: ["number"] })) all.push(c);
    expect(total).toBe(all.length);
  });

  it("quote in a filter literal is doubled and matches exactly", async () => {
    const company = bc.company(companyId);
    const created = await company.customers.create({ displayName: "O'Brien & Sons" });
    const found = [];
    for await (const c of company.customers.list({ filter: (f) => f.displayName.eq("O'Brien & Sons") })) found.push(c.id);
    expect(found).toEqual([created.id]);
    await company.customers.byId(created.id).delete();
  });

  it("create → get → update (If-Match from entity) → stale update → delete", async () => {
    const company = bc.company(companyId);
    const created = await company.customers.create({ displayName: "Contoso bcts" });
    expect(created["@odata.etag"]).toBeTruthy();
    const read = await company.customers.byId(created.id).get();
    expect(read.displayName).toBe("Contoso bcts");
    const updated = await company.customers.byId(created.id).update({ displayName: "New" }, { entity: read });
    expect(updated.displayName).toBe("New");
    await expect(company.customers.byId(created.id).update({ displayName: "Again" }, { entity: read })).rejects.toBeInstanceOf(ODataConcurrencyError);
    await company.customers.byId(created.id).delete();
    await expect(company.customers.byId(created.id).get()).rejects.toMatchObject({ status: 404 });
  });

  it("BC rejects a PATCH without If-Match; we never send one (update reads the ETag first)", async () => {
    const company = bc.company(companyId);
    const created = await company.customers.create({ displayName: "NoEtag" });
    const updated = await company.customers.byId(created.id).update({ displayName: "NoEtag2" });
    expect(updated.displayName).toBe("NoEtag2");
    await company.customers.byId(created.id).delete();
  });

  it("errors carry BC's code and correlation id", async () => {
    const error = await bc.company(companyId).customers.byId("00000000-0000-0000-0000-0000000000ff").get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataError);
    expect((error as ODataError).status).toBe(404);
    expect((error as ODataError).code).not.toBe("");
  });

  it("atomic batch creates both or nothing", async () => {
    const company = bc.company(companyId);
    const [a, b] = await company.batch((b) => [b.customers.create({ displayName: "Batch A" }), b.customers.create({ displayName: "Batch B" })], { atomic: true });
    expect([a.displayName, b.displayName]).toEqual(["Batch A", "Batch B"]);
    await company.customers.byId(a.id).delete({ entity: a });
    await company.customers.byId(b.id).delete({ entity: b });
  });

  it("atomic batch with one invalid operation fails whole and leaves nothing behind", async () => {
    const company = bc.company(companyId);
    const count = async () => {
      let n = 0;
      for await (const _ of company.customers.list({ select: ["id"] })) n++;
      return n;
    };
    const before = await count();
    const error = await company
      .batch((b) => [b.customers.create({ displayName: "Batch ok" }), b.customers.create({ displayName: "x".repeat(101) })], { atomic: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataBatchError);
    expect((error as ODataBatchError).failures.map((f) => f.index)).toEqual([1]);
    expect(await count()).toBe(before);
  });

  it("non-atomic batch over 100 operations is split and each result reported", async () => {
    const company = bc.company(companyId);
    const results = await company.batch((b) => Array.from({ length: 120 }, (_, i) => b.customers.create({ displayName: `Bulk ${i}` })));
    expect(results.filter((r) => r.ok)).toHaveLength(120);
    const ids = results.flatMap((r) => (r.ok ? [r.value] : []));
    const deleted = await company.batch((b) => ids.map((c) => b.customers.byId(c.id).delete({ entity: c })));
    expect(deleted.every((r) => r.ok && r.status === 204)).toBe(true);
  });
});
