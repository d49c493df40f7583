import { describe, expect, it } from "vitest";
import { ODataBatchError } from "@bcts/odata";
import { all, useConformance } from "./conformance-context.js";

// JSON $batch (OData JSON Format §19): independent requests, atomicity groups, inner headers.
const ctx = useConformance();
const batchBody = () => JSON.parse(ctx.transport.last()!.body) as { requests: { id: string; atomicityGroup?: string; method: string; url: string; headers: Record<string, string> }[] };
const productCodes = async (prefix: string) => ((await all(ctx.client.Products.list({ select: ["code"], filter: (f: any) => f.code.startsWith(prefix) }))) as { code: string }[]).map((p) => p.code).sort();

describe("non-atomic batch", () => {
  it("independent creates each answer 201 with their entity, matched by id", async () => {
    const results = await ctx.client.batch((b: any) => [b.Products.create({ code: "B1-a", name: "a" }), b.Products.create({ code: "B1-b'", name: "b & 🚀" })]);
    expect(results).toMatchObject([{ ok: true, status: 201, value: { code: "B1-a" } }, { ok: true, status: 201, value: { code: "B1-b'", name: "b & 🚀" } }]);
  });

  it("is one POST to $batch with no atomicityGroup and no Isolation header", async () => {
    expect(ctx.transport.last()!.url).toBe(`${ctx.cap.serviceRoot}/$batch`);
    expect(batchBody().requests.every((r) => r.atomicityGroup === undefined)).toBe(true);
    expect(ctx.transport.last()!.headers.get("Isolation")).toBeNull();
  });

  it("inner request header names are lower-case", async () => {
    const names = batchBody().requests.flatMap((r) => Object.keys(r.headers));
    expect(names.length).toBeGreaterThan(0);
    expect(names.every((n) => n === n.toLowerCase())).toBe(true);
  });

  it("a failing operation fails alone; the others are committed", async () => {
    const results = await ctx.client.batch((b: any) => [b.Products.create({ code: "B2-ok", name: "ok" }), b.Products.create({ code: "P-1", name: "duplicate" }), b.Products.create({ code: "B2-ok2", name: "ok" })]);
    expect(results.map((r: { ok: boolean }) => r.ok)).toEqual([true, false, true]);
    expect(results[1].status).toBeGreaterThanOrEqual(400);
    expect(await productCodes("B2-")).toEqual(["B2-ok", "B2-ok2"]);
  });

  it("get and list inside a batch decode like their standalone twins", async () => {
    const [one, page] = await ctx.client.batch((b: any) => [b.Products.byId("O'Neil & Co").get(), b.Products.list({ select: ["code"], filter: (f: any) => f.code.startsWith("B1-"), orderBy: ["code"] })]);
    expect(one).toMatchObject({ ok: true, value: { code: "O'Neil & Co" } });
    expect(page).toMatchObject({ ok: true, value: [{ code: "B1-a" }, { code: "B1-b'" }] });
  });

  it("update with If-Match inside a batch is honoured (no 428)", async () => {
    const order = await ctx.client.Orders.create({ title: "batch etag" });
    const [result] = await ctx.client.batch((b: any) => [b.Orders.byId(order.ID).update({ total: 5 }, { entity: order })]);
    expect(result).toMatchObject({ ok: true, value: { total: 5 } });
  });

  it("update with a stale If-Match inside a batch answers 412 for that operation", async () => {
    const order = await ctx.client.Orders.create({ title: "batch stale" });
    await ctx.client.Orders.byId(order.ID).update({ total: 1 }, { entity: order });
    const [result] = await ctx.client.batch((b: any) => [b.Orders.byId(order.ID).update({ total: 2 }, { entity: order })]);
    expect(result).toMatchObject({ ok: false, status: 412 });
  });

  it("delete inside a batch answers 204", async () => {
    const [result] = await ctx.client.batch((b: any) => [b.Products.byId("B1-a").delete({ ifMatch: "*" })]);
    expect(result).toMatchObject({ ok: true, status: 204 });
    expect(await productCodes("B1-")).toEqual(["B1-b'"]);
  });
});

describe("atomic batch (odata dialect: one atomicityGroup)", () => {
  it("all operations succeed: values in order", async () => {
    const [a, b] = await ctx.client.batch((b: any) => [b.Products.create({ code: "B3-a", name: "a" }), b.Products.create({ code: "B3-b", name: "b" })], { atomic: true });
    expect([a.code, b.code]).toEqual(["B3-a", "B3-b"]);
  });

  it("every operation carries the same atomicityGroup; no Isolation header", async () => {
    const groups = new Set(batchBody().requests.map((r) => r.atomicityGroup));
    expect([...groups]).toEqual(["g1"]);
    expect(ctx.transport.last()!.headers.get("Isolation")).toBeNull();
  });

  it("one failing operation rejects with ODataBatchError", async () => {
    const error = await ctx.client.batch((b: any) => [b.Products.create({ code: "B4-a", name: "a" }), b.Products.create({ code: "P-1", name: "duplicate" })], { atomic: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataBatchError);
  });

  it("… and the server rolled back the operations that succeeded (nothing committed)", async () => {
    expect(await productCodes("B4-")).toEqual([]);
  });

  it("an update and a create commit together", async () => {
    const order = await ctx.client.Orders.create({ title: "atomic pair" });
    const [updated, created] = await ctx.client.batch((b: any) => [b.Orders.byId(order.ID).update({ total: 42 }, { entity: order }), b.Products.create({ code: "B5-a", name: "a" })], { atomic: true });
    expect(updated).toMatchObject({ total: 42 });
    expect(created).toMatchObject({ code: "B5-a" });
  });

  it("a bound action inside an atomic batch", async () => {
    const order = await ctx.client.Orders.create({ title: "to confirm" });
    const [confirmed] = await ctx.client.batch((b: any) => [b.Orders.byId(order.ID).confirm({ note: "via batch" }, { etag: order["@odata.etag"] })], { atomic: true });
    expect(confirmed).toMatchObject({ ID: order.ID, status: "confirmed", title: "via batch" });
  });
});
