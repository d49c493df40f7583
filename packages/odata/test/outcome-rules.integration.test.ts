// The individual rules behind the outcome of a write, each over real HTTP against the emulator.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  isWriteOutcomeUnknown,
  ODataConcurrencyError,
  ODataDuplicateKeyError,
  ODataError,
  ODataNetworkError,
  ODataQueryError,
  ODataResponseError,
  type ResponseInfo,
} from "../src/index.js";
import { faultAnswers } from "@bcts/emulator";
import { startEmulatorFixture, type EmulatorFixture } from "./support/emulator-fixture.js";

let f: EmulatorFixture;
beforeAll(async () => {
  f = await startEmulatorFixture();
});
afterAll(async () => {
  await f?.close();
});
const company = () => f.client().company(f.companyId);
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

describe("DELETE after a lost answer", () => {
  it("the retry meets 404 and the call resolves: the first attempt deleted the row", async () => {
    const c = company();
    const x = await c.customers.create({ displayName: "del lost" });
    f.emu.bc.faults.add({ match: { method: "DELETE" }, action: { kind: "lostResponse" }, times: 1 });
    const statuses: number[] = [];
    await c.customers.byId(x.id).delete({ etag: x["@odata.etag"]!, onResponse: (r: ResponseInfo) => statuses.push(r.status) });
    expect(statuses).toEqual([404]);
    expect(await failure(c.customers.byId(x.id).get())).toMatchObject({ status: 404 });
  });

  it("a 404 without an earlier lost answer is still an error (not-applied)", async () => {
    const error = await failure(company().customers.byId("00000000-0000-0000-0000-0000000000ab").delete({ ifMatch: "*" }));
    expect(error).toBeInstanceOf(ODataError);
    expect(error).toMatchObject({ status: 404, outcome: "not-applied" });
  });

  it("the caller's own retry of a DELETE whose answer was lost also resolves on 404", async () => {
    const c = f.client({ retry: { maxRetries: 0 } }).company(f.companyId);
    const x = await c.customers.create({ displayName: "del lost twice" });
    f.emu.bc.faults.add({ match: { method: "DELETE" }, action: { kind: "lostResponse" }, times: 1 });
    const first = await failure(c.customers.byId(x.id).delete({ etag: x["@odata.etag"]! }));
    expect(first).toBeInstanceOf(ODataNetworkError);
    expect(isWriteOutcomeUnknown(first)).toBe(true);
    await c.customers.byId(x.id).delete({ etag: x["@odata.etag"]! });
  });
});

describe("PATCH after a lost answer", () => {
  it("sent again with the same ETag it meets 409: outcome unknown, and the message says the first attempt may have applied", async () => {
    const c = company();
    const x = await c.customers.create({ displayName: "patch lost" });
    f.emu.bc.faults.add({ match: { method: "PATCH" }, action: { kind: "lostResponse" }, times: 1 });
    const first = await failure(c.customers.byId(x.id).update({ displayName: "patched" }, { entity: x }));
    expect(first).toMatchObject({ name: "ODataNetworkError", outcome: "unknown", attempts: 1 });
    expect((first as Error).message).toMatch(/MAY HAVE BEEN APPLIED/);
    const again = await failure(c.customers.byId(x.id).update({ displayName: "patched" }, { entity: x }));
    expect(again).toBeInstanceOf(ODataConcurrencyError);
    expect(again).toMatchObject({ status: 409, outcome: "unknown" });
    expect((again as Error).message).toMatch(/earlier attempt of this write lost its answer and may have applied it/);
    expect((await c.customers.byId(x.id).get()).displayName).toBe("patched");
  });

  it("a plain stale ETag stays a not-applied ODataConcurrencyError", async () => {
    const c = company();
    const x = await c.customers.create({ displayName: "stale" });
    await c.customers.byId(x.id).update({ displayName: "stale 2" }, { entity: x });
    const error = await failure(c.customers.byId(x.id).update({ displayName: "stale 3" }, { entity: x }));
    expect(error).toBeInstanceOf(ODataConcurrencyError);
    expect(error).toMatchObject({ outcome: "not-applied" });
  });
});

describe("outcomes of single faults on a create", () => {
  const cases = [
    ["gateway 504 after processing", { kind: "gateway", status: 504, afterProcessing: true }, "unknown", 1],
    ["truncated JSON after commit", { kind: "malformedBody" }, "applied", 1],
    ["HTML page from a proxy", faultAnswers.htmlPage(false), "unknown", 0],
    ["reset before processing", { kind: "resetBeforeProcessing" }, "unknown", 0],
    ["BC validation error", { kind: "status", status: 400, code: "Application_FieldValidationException" }, "not-applied", 0],
  ] as const;
  it.each(cases)("%s → outcome %s (rows created: %i)", async (_, action, outcome, rows) => {
    const c = company();
    const name = `single ${outcome} ${Math.random()}`;
    f.emu.bc.faults.add({ match: { method: "POST" }, action, times: 1 });
    const error = await failure(c.customers.create({ displayName: name }));
    expect(error).toMatchObject({ outcome });
    let count = 0;
    for await (const _row of c.customers.list({ filter: (q) => q.displayName.eq(name) })) count++;
    expect(count).toBe(rows);
  });

  it("reads carry no outcome; an empty 200 from get() is an ODataResponseError, not undefined", async () => {
    const c = company();
    const x = await c.customers.create({ displayName: "empty read" });
    f.emu.bc.faults.add({ match: { method: "GET" }, action: faultAnswers.empty200(), times: 1 });
    const error = await failure(c.customers.byId(x.id).get());
    expect(error).toBeInstanceOf(ODataResponseError);
    expect(error).toMatchObject({ reason: "empty", outcome: undefined });
  });
});

describe("createOrFind", () => {
  it("finds the record a previous run created instead of creating it again", async () => {
    const c = company();
    const first = await c.customers.createOrFind({ number: "COF-1", displayName: "first" }, { key: "number" });
    const second = await c.customers.createOrFind({ number: "COF-1", displayName: "second" }, { key: "number" });
    expect([first.created, second.created]).toEqual([true, false]);
    expect(second.entity.id).toBe(first.entity.id);
    expect(second.entity.displayName).toBe("first");
  });

  it("after a lost answer it looks up and returns the record the lost attempt created (no second POST)", async () => {
    const c = company();
    f.emu.bc.faults.add({ match: { method: "POST" }, action: { kind: "lostResponse" }, times: 1 });
    const before = f.emu.bc.requests.length;
    const result = await c.customers.createOrFind({ number: "COF-2", displayName: "lost" }, { key: "number" });
    expect(result.created).toBe(true);
    expect(f.emu.bc.requests.slice(before).map((r) => r.method)).toEqual(["GET", "POST", "GET"]);
  });

  it("after a reset before processing the lookup finds nothing and the create is sent again", async () => {
    const c = company();
    f.emu.bc.faults.add({ match: { method: "POST" }, action: { kind: "resetBeforeProcessing" }, times: 1 });
    const before = f.emu.bc.requests.length;
    const result = await c.customers.createOrFind({ number: "COF-3", displayName: "reset" }, { key: "number" });
    expect(result.created).toBe(true);
    expect(f.emu.bc.requests.slice(before).map((r) => r.method)).toEqual(["GET", "POST", "GET", "POST"]);
  });

  it("a 409 duplicate key on create (lookupFirst: false) returns the existing record", async () => {
    const c = company();
    const existing = await c.customers.create({ number: "COF-4", displayName: "there" });
    f.emu.bc.faults.add({ match: { method: "POST" }, action: { kind: "status", status: 409, code: "Internal_EntityWithSameKeyExists" }, times: 1 });
    const result = await c.customers.createOrFind({ number: "COF-4", displayName: "again" }, { key: "number", lookupFirst: false });
    expect(result).toMatchObject({ created: false, entity: { id: existing.id } });
  });

  it("a truncated answer after commit (outcome applied) is resolved by the lookup", async () => {
    const c = company();
    f.emu.bc.faults.add({ match: { method: "POST" }, action: { kind: "malformedBody" }, times: 1 });
    const result = await c.customers.createOrFind({ number: "COF-5", displayName: "cut" }, { key: "number" });
    expect(result).toMatchObject({ created: true, entity: { number: "COF-5", displayName: "cut" } });
  });

  it("refuses a body without the key, a key that is no property, and a key that is not unique", async () => {
    const c = company();
    expect(await failure(c.customers.createOrFind({ displayName: "no number" }, { key: "number" }))).toBeInstanceOf(ODataQueryError);
    expect(await failure(c.customers.createOrFind({ displayName: "x" }, { key: "constructor" as "number" }))).toBeInstanceOf(ODataQueryError);
    await c.customers.create({ number: "COF-DUP", displayName: "a" });
    await c.customers.create({ number: "COF-DUP", displayName: "b" });
    expect(await failure(c.customers.createOrFind({ number: "COF-DUP", displayName: "c" }, { key: "number" }))).toBeInstanceOf(ODataDuplicateKeyError);
  });
});

describe("network and batch context", () => {
  it("an untrusted TLS certificate is ODataNetworkError kind tls, with the NODE_EXTRA_CA_CERTS and proxy remedy", async () => {
    // The emulator's Entra listens on https with its own CA, which this client does not trust.
    const error = await failure(f.client({ baseUrl: f.emu.authorityHost }).companies.list().next());
    expect(error).toBeInstanceOf(ODataNetworkError);
    expect(error).toMatchObject({ kind: "tls", outcome: undefined });
    expect((error as ODataNetworkError).remedy).toMatch(/NODE_EXTRA_CA_CERTS.*HTTPS_PROXY/);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it("BC's 401 Authentication_InvalidCredentials (app not enabled in BC) carries the registration remedy", async () => {
    f.emu.bc.setApplicationEnabled(f.emu.tenantId, f.emu.clientId, false);
    try {
      const error = await failure(company().customers.list({ top: 1 }).next());
      expect(error).toBeInstanceOf(ODataError);
      expect(error).toMatchObject({ status: 401, code: "Authentication_InvalidCredentials" });
      expect((error as ODataError).remedy).toMatch(/Microsoft Entra Applications/);
    } finally {
      f.emu.bc.setApplicationEnabled(f.emu.tenantId, f.emu.clientId, true);
    }
  });

  it("an error thrown by the caller's onResponse reaches the caller unchanged (not wrapped)", async () => {
    const mine = new Error("from onResponse");
    expect(await failure(company().customers.list({ top: 1, onResponse: () => { throw mine; } }).next())).toBe(mine);
  });

  it("an atomic batch error names the $batch call and its client-request-id", async () => {
    const c = company();
    const error = await failure(c.batch((b) => [b.customers.create({ displayName: "ok" }), b.customers.byId("00000000-0000-0000-0000-0000000000cd").delete({ ifMatch: "*" })], { atomic: true }));
    expect(error).toMatchObject({ name: "ODataBatchError", outcome: "not-applied", method: "POST" });
    expect((error as { url: string }).url).toMatch(/\/\$batch$/);
    expect((error as { clientRequestId: string }).clientRequestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
