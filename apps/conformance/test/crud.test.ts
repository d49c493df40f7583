import { describe, expect, it } from "vitest";
import { ODataConcurrencyError, ODataError } from "@bcts/odata";
import { useConformance } from "./conformance-context.js";

// Create, read, update, delete with and without ETags (OData Protocol §11.4, §11.4.1.1 If-Match).
const ctx = useConformance();
const sent = () => ctx.transport.requests.map((r) => `${r.method} ${decodeURIComponent(new URL(r.url).pathname.replace(/^\/conformance\//, ""))}`);

describe("entities without Core.OptimisticConcurrency (Products)", () => {
  it("create answers 201 with the entity, keys with special characters included", async () => {
    const created = await ctx.client.Products.create({ code: "new/O'K #1", name: "Neu 🚀 & co", price: 3.25, stock: 1, active: true, releaseDate: "2026-01-02" });
    expect(created).toMatchObject({ code: "new/O'K #1", name: "Neu 🚀 & co", price: 3.25, stock: 1, active: true, releaseDate: "2026-01-02" });
  });

  it("read back by key returns what was written", async () => {
    expect(await ctx.client.Products.byId("new/O'K #1").get()).toMatchObject({ name: "Neu 🚀 & co", price: 3.25 });
  });

  it("update without an ETag sends PATCH without If-Match and without a GET first", async () => {
    ctx.transport.clear();
    const updated = await ctx.client.Products.byId("new/O'K #1").update({ stock: 2 });
    expect(sent()).toEqual(["PATCH Products('new/O''K #1')"]);
    expect(ctx.transport.last()!.headers.get("If-Match")).toBeNull();
    expect(updated).toMatchObject({ code: "new/O'K #1", stock: 2 });
  });

  it("update changes only the patched properties", async () => {
    expect(await ctx.client.Products.byId("new/O'K #1").get()).toMatchObject({ stock: 2, name: "Neu 🚀 & co", price: 3.25 });
  });

  it("update to null clears a property", async () => {
    await ctx.client.Products.byId("new/O'K #1").update({ price: null });
    expect(await ctx.client.Products.byId("new/O'K #1").get()).toMatchObject({ price: null });
  });

  it("an explicit ETag is still sent when given", async () => {
    ctx.transport.clear();
    await ctx.client.Products.byId("new/O'K #1").update({ stock: 3 }, { ifMatch: "*" });
    expect(ctx.transport.last()!.headers.get("If-Match")).toBe("*");
  });

  it("create with a key that exists answers an error status (ODataError), nothing replaced", async () => {
    const error = await ctx.client.Products.create({ code: "P-1", name: "dupe" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataError);
    expect((error as ODataError).status).toBeGreaterThanOrEqual(400);
    expect(await ctx.client.Products.byId("P-1").get()).toMatchObject({ name: "Plain widget" });
  });

  it("delete without an ETag sends DELETE without If-Match", async () => {
    ctx.transport.clear();
    await ctx.client.Products.byId("new/O'K #1").delete();
    expect(sent()).toEqual(["DELETE Products('new/O''K #1')"]);
    expect(ctx.transport.last()!.headers.get("If-Match")).toBeNull();
  });

  it("the deleted entity answers 404", async () => {
    await expect(ctx.client.Products.byId("new/O'K #1").get()).rejects.toMatchObject({ status: 404 });
  });
});

describe("entities with Core.OptimisticConcurrency (Orders, @odata.etag)", () => {
  let order: { ID: string; "@odata.etag": string };

  it("create returns @odata.etag", async () => {
    order = await ctx.client.Orders.create({ title: "First 'order'", customer: "Köln & Co", total: 99.5 });
    expect(order["@odata.etag"]).toMatch(/^W\/"/);
    expect(order).toMatchObject({ title: "First 'order'", customer: "Köln & Co", total: 99.5, status: "open" });
  });

  it("get returns the same ETag", async () => {
    expect(((await ctx.client.Orders.byId(order.ID).get()) as typeof order)["@odata.etag"]).toBe(order["@odata.etag"]);
  });

  it("update with the current ETag sends it as If-Match and answers a new ETag", async () => {
    ctx.transport.clear();
    const updated = (await ctx.client.Orders.byId(order.ID).update({ total: 100 }, { entity: order })) as typeof order;
    expect(ctx.transport.last()!.headers.get("If-Match")).toBe(order["@odata.etag"]);
    expect(updated["@odata.etag"]).not.toBe(order["@odata.etag"]);
  });

  it("update with a stale ETag answers 412 → ODataConcurrencyError, nothing changed", async () => {
    const error = await ctx.client.Orders.byId(order.ID).update({ total: 1 }, { etag: order["@odata.etag"] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataConcurrencyError);
    expect((error as ODataError).status).toBe(412);
    expect(await ctx.client.Orders.byId(order.ID).get()).toMatchObject({ total: 100 });
  });

  it("update without an ETag reads the current one first (GET, then PATCH with If-Match)", async () => {
    ctx.transport.clear();
    const updated = (await ctx.client.Orders.byId(order.ID).update({ customer: "Updated" })) as typeof order;
    expect(sent()).toEqual([`GET Orders(${order.ID})`, `PATCH Orders(${order.ID})`]);
    expect(ctx.transport.last()!.headers.get("If-Match")).toMatch(/^W\/"/);
    order = updated;
  });

  it("ifMatch: \"*\" overwrites whatever version is stored", async () => {
    order = (await ctx.client.Orders.byId(order.ID).update({ total: 7 }, { ifMatch: "*" })) as typeof order;
    expect(order).toMatchObject({ total: 7 });
  });

  it("PATCH without If-Match is refused by the server (428), so the client never sends one blind", async () => {
    const response = await fetch(`${ctx.cap.serviceRoot}/Orders(${order.ID})`, { method: "PATCH", headers: { "Content-Type": "application/json" }, body: "{\"total\":1}" });
    expect(response.status).toBe(428);
  });

  it("delete with a stale ETag answers 412", async () => {
    await expect(ctx.client.Orders.byId(order.ID).delete({ etag: 'W/"1999-01-01T00:00:00.000Z"' })).rejects.toBeInstanceOf(ODataConcurrencyError);
  });

  it("delete with the current ETag answers 204; the order is gone", async () => {
    await ctx.client.Orders.byId(order.ID).delete({ entity: order });
    await expect(ctx.client.Orders.byId(order.ID).get()).rejects.toMatchObject({ status: 404 });
  });
});

describe("deep insert and navigation (composition Orders → items)", () => {
  let orderId: string;

  it("deep insert creates the order and its items in one POST", async () => {
    ctx.transport.clear();
    const created = (await ctx.client.Orders.create({ title: "Deep", items: [{ lineNo: 1, product: "P-1", quantity: 2 }, { lineNo: 2, product: "O'Neil & Co", quantity: 1 }] })) as { ID: string };
    orderId = created.ID;
    expect(sent()).toEqual(["POST Orders"]);
  });

  it("the items exist under the order's navigation property", async () => {
    const items = [];
    for await (const item of ctx.client.Orders.byId(orderId).items.list({ orderBy: ["lineNo"] })) items.push(item);
    expect(items).toMatchObject([{ lineNo: 1, product: "P-1", quantity: 2 }, { lineNo: 2, product: "O'Neil & Co", quantity: 1 }]);
  });

  it("an item is addressed by its composite key (Guid and Int32)", async () => {
    expect(await ctx.client.OrderItems.byId({ order_ID: orderId, lineNo: 2 }).get()).toMatchObject({ product: "O'Neil & Co" });
  });

  it("a single-valued navigation property reads its target (item → order)", async () => {
    expect(await ctx.client.OrderItems.byId({ order_ID: orderId, lineNo: 1 }).order.get()).toMatchObject({ ID: orderId, title: "Deep" });
  });

  it("create through a collection navigation property adds to the composition", async () => {
    await ctx.client.Orders.byId(orderId).items.create({ lineNo: 3, product: "space key", quantity: 9 });
    expect(await ctx.client.OrderItems.byId({ order_ID: orderId, lineNo: 3 }).get()).toMatchObject({ quantity: 9 });
  });
});
