import { describe, expect, it } from "vitest";
import { createODataClient, createTypeRegistry, defineEntitySet, defineRoute, ODataQueryError, type EntityModel, type RouteDialect } from "../src/index.js";

// The same entity type under both dialects, with a fake server: what each dialect puts on the wire.
interface ThingModel extends EntityModel {
  readonly entity: { readonly id: string; readonly n: number | null; readonly name: string | null; readonly "@odata.etag"?: string };
  readonly create: { readonly n?: number };
  readonly update: { readonly n?: number };
  readonly key: string;
  readonly fields: { readonly id: "Edm.String"; readonly n: "Edm.Int32"; readonly name: "Edm.String" };
  readonly navigation: {};
  readonly actions: {};
  readonly streams: never;
}

function routeOf(dialect: RouteDialect | undefined, optimisticConcurrency: boolean | undefined) {
  const registry = createTypeRegistry("things");
  const type = registry.define<ThingModel>({ name: "NS.Thing", keys: ["id"], properties: { id: "Edm.String", n: "Edm.Int32", name: "Edm.String" }, navigation: {}, actions: {}, streams: [], ...(dialect ? { dialect } : {}), ...(optimisticConcurrency === undefined ? {} : { optimisticConcurrency }) });
  const things = defineEntitySet<ThingModel, "root">({ name: "Things", type, scope: "root", capabilities: { insert: true, update: true, delete: true } });
  return defineRoute({ kind: "api", path: "things", sets: { Things: things }, operations: {}, ...(dialect ? { dialect } : {}) });
}

function clientOf(dialect: RouteDialect | undefined, optimisticConcurrency?: boolean) {
  const sent: { method: string; url: string; headers: Headers; body: string }[] = [];
  const fetch = async (request: Request) => {
    sent.push({ method: request.method, url: decodeURIComponent(request.url), headers: request.headers, body: request.body === null ? "" : await request.text() });
    const isBatch = request.url.endsWith("$batch");
    const body = isBatch ? { responses: [{ id: "1", status: 201, body: { id: "a" } }, { id: "2", status: 201, body: { id: "b" } }] } : request.method === "GET" ? { id: "x", "@odata.etag": 'W/"7"', value: [] } : { id: "x" };
    return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
  };
  return { sent, client: createODataClient(routeOf(dialect, optimisticConcurrency), { serviceRootUrl: "https://odata.example/svc", fetch, retry: false }) };
}

describe("filters per dialect", () => {
  it.each([
    ["business-central", "$filter=n le 0"],
    [undefined, "$filter=n le 0"],
    ["odata", "$filter=not (n gt 0)"],
  ] as const)("%s: not (n gt 0) → %s", (dialect, want) => {
    expect(decodeURIComponent(clientOf(dialect).client.Things.query({ filter: (f) => f.n.gt(0).not() }).toUrl())).toContain(want);
  });

  it("business-central refuses a cross-field or, saying that BC rejects it and the odata dialect allows it", () => {
    expect(() => clientOf("business-central").client.Things.query({ filter: (f) => f.n.eq(1).orAny(f.name.eq("x")) }).toUrl()).toThrow(ODataQueryError);
    expect(() => clientOf("business-central").client.Things.query({ filter: (f) => f.n.eq(1).orAny(f.name.eq("x")) }).toUrl()).toThrow(/Business Central rejects "or" across different fields \(n, name\).*dialect "odata"/);
  });

  it("odata sends a cross-field or and nested functions as written", () => {
    const url = decodeURIComponent(clientOf("odata").client.Things.query({ filter: (f) => f.n.eq(1).orAny(f.name.eq("x")).and(f.name.toLower().eq("y")) }).toUrl());
    expect(url).toContain("$filter=(n eq 1 or name eq 'x') and tolower(name) eq 'y'");
  });

  it("business-central double negation cancels; odata keeps both nots", () => {
    expect(decodeURIComponent(clientOf("business-central").client.Things.query({ filter: (f) => f.n.eq(1).not().not() }).toUrl())).toContain("$filter=n eq 1");
    expect(decodeURIComponent(clientOf("odata").client.Things.query({ filter: (f) => f.n.eq(1).not().not() }).toUrl())).toContain("$filter=not (not (n eq 1))");
  });
});

describe("atomic batches per dialect", () => {
  it("business-central: Isolation: snapshot, no atomicityGroup", async () => {
    const { client, sent } = clientOf("business-central");
    await client.batch((b) => [b.Things.create({ n: 1 }), b.Things.create({ n: 2 })], { atomic: true });
    expect(sent[0]!.headers.get("Isolation")).toBe("snapshot");
    expect((JSON.parse(sent[0]!.body) as { requests: { atomicityGroup?: string }[] }).requests.map((r) => r.atomicityGroup)).toEqual([undefined, undefined]);
  });

  it("odata: one atomicityGroup on every operation, no Isolation header", async () => {
    const { client, sent } = clientOf("odata");
    await client.batch((b) => [b.Things.create({ n: 1 }), b.Things.create({ n: 2 })], { atomic: true });
    expect(sent[0]!.headers.get("Isolation")).toBeNull();
    expect((JSON.parse(sent[0]!.body) as { requests: { atomicityGroup?: string }[] }).requests.map((r) => r.atomicityGroup)).toEqual(["g1", "g1"]);
  });

  it("inner header names are lower-case on both dialects", async () => {
    for (const dialect of ["business-central", "odata"] as const) {
      const { client, sent } = clientOf(dialect);
      await client.batch((b) => [b.Things.create({ n: 1 }), b.Things.byId("x").update({ n: 2 }, { etag: 'W/"1"' })]);
      const headers = (JSON.parse(sent[0]!.body) as { requests: { headers: Record<string, string> }[] }).requests.map((r) => r.headers);
      expect(headers).toEqual([{ "content-type": "application/json" }, { "content-type": "application/json", "if-match": 'W/"1"' }]);
    }
  });
});

describe("If-Match per Core.OptimisticConcurrency", () => {
  it("optimisticConcurrency false: PATCH without If-Match and without a GET first", async () => {
    const { client, sent } = clientOf("odata", false);
    await client.Things.byId("x").update({ n: 1 });
    expect(sent.map((s) => s.method)).toEqual(["PATCH"]);
    expect(sent[0]!.headers.get("If-Match")).toBeNull();
  });

  it("optimisticConcurrency false: a given ETag is still sent", async () => {
    const { client, sent } = clientOf("odata", false);
    await client.Things.byId("x").delete({ etag: 'W/"3"' });
    expect(sent[0]!.headers.get("If-Match")).toBe('W/"3"');
  });

  it.each([[true], [undefined]] as const)("optimisticConcurrency %s: the ETag is read first (GET, then PATCH with If-Match)", async (flag) => {
    const { client, sent } = clientOf("odata", flag);
    await client.Things.byId("x").update({ n: 1 });
    expect(sent.map((s) => s.method)).toEqual(["GET", "PATCH"]);
    expect(sent[1]!.headers.get("If-Match")).toBe('W/"7"');
  });
});
