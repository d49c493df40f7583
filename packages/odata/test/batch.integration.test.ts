import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createODataClient, ODataBatchError, ODataQueryError, type TokenCredential } from "../src/index.js";
import { apiV2_0 } from "./fixtures/api-model.js";
import { startFakeBc, type FakeBc } from "./support/fake-bc.js";

let server: FakeBc;
const credential: TokenCredential = { getToken: async () => ({ token: "token-1" }) };
beforeEach(async () => {
  server = await startFakeBc();
});
afterEach(async () => {
  await server.close();
});
const company = () => createODataClient(apiV2_0, { tenantId: server.tenantId, environment: server.environment, baseUrl: server.origin, credential, retry: false }).company(server.companyId);

describe("JSON $batch", () => {
  it("atomic: one request with Isolation: snapshot, typed values matched by id", async () => {
    const [a, b] = await company().batch((b) => [b.customers.create({ displayName: "A" }), b.items.create({ displayName: "Desk" })], { atomic: true });
    expect(a.displayName).toBe("A");
    expect(b.displayName).toBe("Desk");
    expect(server.requests).toHaveLength(1);
    const sent = server.requests[0]!;
    expect(sent.url).toMatch(/\/api\/v2\.0\/\$batch$/);
    expect(sent.headers["isolation"]).toBe("snapshot");
    expect(JSON.parse(sent.body)).toEqual({
      requests: [
        { id: "1", method: "POST", url: `companies(${server.companyId})/customers`, headers: { "content-type": "application/json" }, body: { displayName: "A" } },
        { id: "2", method: "POST", url: `companies(${server.companyId})/items`, headers: { "content-type": "application/json" }, body: { displayName: "Desk" } },
      ],
    });
  });

  it("atomic: any failed operation fails the whole batch although BC reports inner 201s", async () => {
    const error = await company()
      .batch((b) => [b.customers.create({ displayName: "A" }), b.customers.create({ displayName: "FAIL" })], { atomic: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataBatchError);
    expect((error as ODataBatchError).failures).toHaveLength(1);
    expect((error as ODataBatchError).failures[0]).toMatchObject({ index: 1, error: { status: 400, code: "Application_FieldValidationException" } });
    expect((error as Error).message).toMatch(/rolled back/);
    expect(server.sets.get("customers")!.size).toBe(0);
  });

  it("non-atomic: settled results per operation", async () => {
    const c = company();
    const existing = await c.customers.create({ displayName: "X" });
    const [created, failed, read, updated] = await c.batch((b) => [
      b.customers.create({ displayName: "A" }),
      b.customers.create({ displayName: "FAIL" }),
      b.customers.byId(existing.id).get({ select: ["displayName"] }),
      b.customers.byId(existing.id).update({ displayName: "Y" }, { entity: existing }),
    ]);
    expect(created).toMatchObject({ ok: true, status: 201, value: { displayName: "A" } });
    expect(failed).toMatchObject({ ok: false, status: 400 });
    expect(read.ok && read.value.displayName).toBe("X");
    expect(updated.ok && updated.value.displayName).toBe("Y");
  });

  it("splits non-atomic work into requests of 100 operations", async () => {
    const results = await company().batch((b) => Array.from({ length: 250 }, (_, i) => b.customers.create({ displayName: `C${i}` })));
    expect(results).toHaveLength(250);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(server.requests.map((r) => (JSON.parse(r.body) as { requests: unknown[] }).requests.length)).toEqual([100, 100, 50]);
    expect(server.sets.get("customers")!.size).toBe(250);
  });

  it("refuses an atomic batch over 100 operations before sending", async () => {
    await expect(company().batch((b) => Array.from({ length: 101 }, () => b.customers.create({})), { atomic: true })).rejects.toThrow(ODataQueryError);
    expect(server.requests).toHaveLength(0);
  });

  it("writes in a batch need the ETag up front", async () => {
    // @ts-expect-error update in a batch requires { etag } / { entity } / { ifMatch: "*" }
    await expect(company().batch((b) => [b.customers.byId(server.companyId).update({ displayName: "x" })])).rejects.toThrow(/needs its ETag up front/);
  });
});
