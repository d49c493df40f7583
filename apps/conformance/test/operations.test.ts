import { describe, expect, it } from "vitest";
import { ODataError, ODataQueryError } from "@bcts/odata";
import { SEED_EVENT_COUNT, SEED_PRODUCTS } from "../src/index.js";
import { all, useConformance } from "./conformance-context.js";

// Actions and functions (OData Protocol §11.5.4, URL conventions §4.6/§5.1.1.13) through the generated
// client, then server-driven paging (§11.2.6.7) and $expand (§5.1.3).
const ctx = useConformance();
const lastUrl = () => decodeURIComponent(ctx.transport.last()!.url.slice(ctx.cap.serviceRoot.length));

describe("bound action", () => {
  let order: { ID: string; "@odata.etag": string };

  it("POST {entity}/{namespace}.{action} with its parameters as JSON returns the entity", async () => {
    order = await ctx.client.Orders.create({ title: "to confirm" });
    const confirmed = await ctx.client.Orders.byId(order.ID).confirm({ note: "O'K & 🚀" }, { etag: order["@odata.etag"] });
    expect(ctx.transport.last()!.method).toBe("POST");
    expect(lastUrl()).toBe(`/Orders(${order.ID})/ConformanceService.confirm`);
    expect(JSON.parse(ctx.transport.last()!.body)).toEqual({ note: "O'K & 🚀" });
    expect(confirmed).toMatchObject({ ID: order.ID, status: "confirmed", title: "O'K & 🚀" });
  });

  it("the action's If-Match is the ETag passed", async () => {
    expect(ctx.transport.last()!.headers.get("If-Match")).toBe(order["@odata.etag"]);
  });

  it("an action the server refuses answers its status and message as ODataError", async () => {
    const error = await ctx.client.Orders.byId(order.ID).confirm({ note: "again" }, { ifMatch: "*" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataError);
    expect((error as ODataError).status).toBe(409);
    expect((error as ODataError).message).toContain("already confirmed");
  });
});

describe("unbound function and action (service root, no company)", () => {
  it("function: GET name(p=literal,…) with typed inline literals", async () => {
    const result = await ctx.client.invoke("echo", { text: "ab", times: 3 });
    expect(ctx.transport.last()!.method).toBe("GET");
    expect(lastUrl()).toBe("/echo(text='ab',times=3)");
    expect(result).toBe("ababab");
  });

  it("function: a string parameter with quotes, %, &, #, / and an emoji survives the URL", async () => {
    const text = "O'Neil 50% & #1/2 🚀";
    expect(await ctx.client.invoke("echo", { text, times: 1 })).toBe(text);
  });

  it("function without parameters: GET name()", async () => {
    const count = await ctx.client.invoke("productCount");
    expect(lastUrl()).toBe("/productCount()");
    expect(count).toBe(SEED_PRODUCTS.length);
  });

  it("action: POST name with its parameters as JSON; primitive result from value", async () => {
    const count = await ctx.client.invoke("resetEvents", { count: 3 });
    expect(ctx.transport.last()!.method).toBe("POST");
    expect(lastUrl()).toBe("/resetEvents");
    expect(count).toBe(3);
    expect(await all(ctx.client.Events.list())).toHaveLength(3);
    await ctx.client.invoke("resetEvents", { count: SEED_EVENT_COUNT });
  });

  it("an operation the route does not have is refused before sending", async () => {
    ctx.transport.clear();
    await expect(ctx.client.invoke("noSuchOperation")).rejects.toBeInstanceOf(ODataQueryError);
    expect(ctx.transport.requests).toHaveLength(0);
  });
});

describe("server-driven paging (Events: @cds.query.limit 4)", () => {
  it("the server pages: the first page holds 4 entities and an @odata.nextLink", async () => {
    const first = (await ctx.client.Events.list().byPage().next()).value as { value: unknown[]; continuationToken: string | undefined };
    expect(first.value).toHaveLength(4);
    expect(first.continuationToken).toBeDefined();
  });

  it("CAP's @odata.nextLink is relative; the page's continuationToken is it resolved against the request URL", async () => {
    const raw = (await (await fetch(`${ctx.cap.serviceRoot}/Events`)).json()) as { "@odata.nextLink": string };
    expect(raw["@odata.nextLink"]).not.toMatch(/^https?:/);
    const first = (await ctx.client.Events.list().byPage().next()).value as { continuationToken: string };
    expect(first.continuationToken).toBe(new URL(raw["@odata.nextLink"], `${ctx.cap.serviceRoot}/Events`).href);
  });

  it("iteration follows the nextLinks (relative ones included) to every entity, in order", async () => {
    const events = (await all(ctx.client.Events.list({ orderBy: ["seq"] }))) as { seq: number }[];
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: SEED_EVENT_COUNT }, (_, i) => i + 1));
  });

  it("byPage gives ceil(n / 4) pages", async () => {
    const pages = await all(ctx.client.Events.list().byPage());
    expect(pages.map((p: any) => p.value.length)).toEqual([4, 4, 2]);
  });

  it("a page's continuationToken resumes there", async () => {
    const first = (await ctx.client.Events.list({ orderBy: ["seq"] }).byPage().next()).value as { continuationToken: string };
    const rest = await all(ctx.client.Events.list({ orderBy: ["seq"] }).byPage({ continuationToken: first.continuationToken }));
    expect(rest.flatMap((p: any) => p.value.map((e: { seq: number }) => e.seq))).toEqual([5, 6, 7, 8, 9, 10]);
  });

  it("paging keeps $filter and $orderby on every page", async () => {
    const events = (await all(ctx.client.Events.list({ filter: (f: any) => f.seq.gt(2), orderBy: ["seq desc"] }))) as { seq: number }[];
    expect(events.map((e) => e.seq)).toEqual([10, 9, 8, 7, 6, 5, 4, 3]);
  });

  it("$count=true counts the whole collection across pages", async () => {
    const first = (await ctx.client.Events.list({ count: true }).byPage().next()).value as { count: number };
    expect(first.count).toBe(SEED_EVENT_COUNT);
  });

  it("Prefer: odata.maxpagesize is sent on every page request", async () => {
    ctx.transport.clear();
    const pages = await all(ctx.client.Events.list().byPage({ maxPageSize: 3 }));
    expect(ctx.transport.requests.map((r) => r.headers.get("Prefer"))).toEqual(pages.map(() => "odata.maxpagesize=3"));
    expect(pages.flatMap((p: any) => p.value)).toHaveLength(SEED_EVENT_COUNT);
  });

  it("without Preference-Applied the page reports maxPageSizeApplied undefined (not honoured, not claimed)", async () => {
    const pages = await all(ctx.client.Events.list().byPage({ maxPageSize: 3 }));
    expect(pages.map((p: any) => [p.response.headers.get("Preference-Applied"), p.maxPageSizeApplied])).toEqual(pages.map(() => [null, undefined]));
    expect(pages.map((p: any) => p.value.length)).toEqual([4, 4, 2]);
  });
});

describe("$expand", () => {
  let orderId: string;

  it("$expand of a collection navigation returns the related entities inline", async () => {
    const created = await ctx.client.Orders.create({ title: "expand", items: [{ lineNo: 1, product: "a", quantity: 1 }, { lineNo: 2, product: "b", quantity: 5 }, { lineNo: 3, product: "c", quantity: 9 }] });
    orderId = created.ID;
    const order = await ctx.client.Orders.byId(orderId).get({ expand: { items: true } });
    expect(order.items.map((i: { lineNo: number }) => i.lineNo).sort()).toEqual([1, 2, 3]);
  });

  it("$expand with nested $filter, $orderby, $top and $select", async () => {
    const order = await ctx.client.Orders.byId(orderId).get({ select: ["title"], expand: { items: { select: ["lineNo", "quantity"], filter: (f: any) => f.quantity.gt(1), orderBy: ["quantity desc"], top: 1 } } });
    expect(lastUrl()).toBe(`/Orders(${orderId})?$select=title&$expand=items($select=lineNo,quantity;$filter=quantity gt 1;$orderby=quantity desc;$top=1)`);
    expect(order.items).toMatchObject([{ lineNo: 3, quantity: 9 }]);
  });

  it("$expand on a list expands every entity", async () => {
    const orders = (await all(ctx.client.Orders.list({ filter: (f: any) => f.ID.eq(orderId), expand: { items: { select: ["lineNo"] } } }))) as { items: unknown[] }[];
    expect(orders[0]!.items).toHaveLength(3);
  });

  it("$expand of a single-valued navigation (item → order)", async () => {
    const item = await ctx.client.OrderItems.byId({ order_ID: orderId, lineNo: 2 }).get({ expand: { order: { select: ["title"] } } });
    expect(item.order).toMatchObject({ title: "expand" });
  });

  it("nested $expand (item → order → items)", async () => {
    const item = await ctx.client.OrderItems.byId({ order_ID: orderId, lineNo: 1 }).get({ expand: { order: { expand: { items: { select: ["lineNo"] } } } } });
    expect(item.order.items).toHaveLength(3);
  });
});
