// sync-customers with DATABASE_URL: the PostgreSQL mirror (own schema, dropped afterwards) equals the
// emulator's customers after a baseline and after a round with inserts, updates and deletions; a failed
// round leaves mirror and delta link as they were. (It fails on the round's first GET: the emulator's
// faults match paths, not page tokens, so a failure after some pages is not covered here.)
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { cronusCompanyId } from "@bcts/emulator";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { clientFor } from "../src/company.js";
import { syncCustomers, type CustomerSyncFile } from "../src/scenarios/sync-customers.js";
import { resolveTarget, type Target } from "../src/target.js";

const databaseUrl = "postgresql://postgres@127.0.0.1:5432/test";
const schema = `bcts_sync_test_${randomBytes(4).toString("hex")}`;
let target: Target;
let db: pg.Client;

beforeAll(async () => {
  target = await resolveTarget({}, { emulator: { bc: { changeTracking: { enabled: true } } } });
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db?.end();
  await target?.close();
});

async function quietly(work: () => Promise<void>): Promise<void> {
  const spy = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
}

async function mirror(): Promise<Map<string, string>> {
  const { rows } = await db.query<{ id: string; display_name: string | null }>(`SELECT id, display_name FROM ${schema}.customers WHERE company_id = $1`, [cronusCompanyId]);
  return new Map(rows.map((r) => [r.id, r.display_name ?? ""]));
}

async function server(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const c of clientFor(target).company(cronusCompanyId).customers.list({ select: ["id", "displayName"] })) out.set(c.id, c.displayName ?? "");
  return out;
}

const deltaLink = async () => (await db.query<{ delta_link: string }>(`SELECT delta_link FROM ${schema}.sync_state`)).rows.map((r) => r.delta_link);

describe("sync-customers into PostgreSQL (delta links)", () => {
  test("baseline, then a round with changes and deletions: the mirror equals the server", { timeout: 30_000 }, async () => {
    const run = () => quietly(() => syncCustomers(target, { databaseUrl, schema, companyId: cronusCompanyId, pageSize: 2 }));
    await run();
    const first = await server();
    expect(first.size).toBeGreaterThan(2);
    expect(await mirror()).toEqual(first);
    const [link1] = await deltaLink();
    expect(link1).toMatch(/\$deltatoken=/);

    const customers = clientFor(target).company(cronusCompanyId).customers;
    const ids = [...first.keys()];
    await customers.byId(ids[0]!).update({ displayName: "changed by the test" });
    await customers.byId(ids[1]!).delete();
    await customers.create({ displayName: "added by the test" });
    await run();
    expect(await mirror()).toEqual(await server());
    const [link2] = await deltaLink();
    expect(link2).not.toBe(link1);

    // A round that fails (the server answers 400 to its GET) commits nothing: mirror and link stay.
    await customers.create({ displayName: "one" });
    await customers.create({ displayName: "two" });
    await customers.create({ displayName: "three" });
    const before = await mirror();
    target.emulator!.bc.faults.add({ match: { method: "GET", path: /\/customers$/ }, action: { kind: "status", status: 400, code: "BadRequest", message: "Injected" }, times: 1 });
    await expect(run()).rejects.toThrow();
    target.emulator!.bc.faults.clear();
    expect(await mirror()).toEqual(before);
    expect(await deltaLink()).toEqual([link2]);
    await run();
    expect(await mirror()).toEqual(await server());
  });

  test("without DATABASE_URL the JSON file uses delta links where the server has them: deletions are seen too", { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "bcts-sync-json-"));
    try {
      const file = join(dir, "customers.json");
      const run = () => quietly(() => syncCustomers(target, { file, companyId: cronusCompanyId, pageSize: 2 }));
      const read = () => JSON.parse(readFileSync(file, "utf8")) as CustomerSyncFile;
      const names = (f: CustomerSyncFile) => new Map(Object.values(f.customers).map((c) => [c.id, c.displayName ?? ""]));
      await run();
      expect(read().deltaLink).toMatch(/\$deltatoken=/);
      expect(names(read())).toEqual(await server());
      const customers = clientFor(target).company(cronusCompanyId).customers;
      const [first, second] = [...(await server()).keys()];
      await customers.byId(first!).delete();
      await customers.byId(second!).update({ displayName: "json delta" });
      await run();
      expect(names(read())).toEqual(await server());
      expect(read().customers[first!]).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
