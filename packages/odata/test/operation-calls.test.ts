// Issue 14: functions send their parameters per the OData URL conventions (inline primitives, aliases
// for complex and collection values, `()` when there are none), and operation names are looked up as
// own properties only — `invoke("toString" | "constructor" | "__proto__")` is refused before sending.
import { describe, expect, it } from "vitest";
import { createODataClient, createTypeRegistry, defineEntitySet, defineRoute, ODataQueryError, type ActionModel, type EntityModel, type OperationDescriptor } from "../src/index.js";

const ROOT = "https://server:7048/BC/ODataV4";
const ID = "5d115c9c-44e3-ea11-bb43-000d3a2feca1";

const registry = createTypeRegistry("ODataV4");
interface JobModel extends EntityModel {
  readonly entity: { readonly id: string };
  readonly create: {};
  readonly update: {};
  readonly key: string;
  readonly fields: { readonly id: "Edm.Guid" };
  readonly navigation: {};
  readonly actions: { readonly eta: ActionModel<{ from: string; hours?: number }, string> };
  readonly streams: never;
}
const jobType = registry.define<JobModel>({
  name: "NAV.Job",
  keys: ["id"],
  properties: { id: "Edm.Guid" },
  navigation: {},
  actions: { eta: { name: "NAV.Eta", kind: "function", parameters: { from: "Edm.Date", hours: "Edm.Int32" }, returns: "Edm.String" } },
  streams: [],
});
const price: OperationDescriptor<ActionModel<{ itemNo: string; qty?: number; when?: string; codes?: string[]; filter?: object }, number>> = {
  name: "PriceService_GetPrice",
  kind: "function",
  parameters: { itemNo: "Edm.String", qty: "Edm.Int32", when: "Edm.Date", codes: "collection", filter: "complex" },
  returns: "Edm.Decimal",
};
const today: OperationDescriptor<ActionModel<{}, string>> = { name: "PriceService_Today", kind: "function", parameters: {}, returns: "Edm.String" };
const post: OperationDescriptor<ActionModel<{ name: string }, void>> = { name: "Setup_Post", kind: "action", parameters: { name: "Edm.String" }, returns: null };
const route = defineRoute({
  kind: "odatav4",
  path: "ODataV4",
  sets: { Job: defineEntitySet<JobModel, "company">({ name: "Job", type: jobType, scope: "company", capabilities: { insert: true, update: true, delete: true } }) },
  operations: { price, today, post },
});

function recorder() {
  const sent: Array<{ method: string; url: string; body: string; contentType: string | null }> = [];
  const fetch = async (request: Request) => {
    sent.push({ method: request.method, url: request.url, body: await request.text(), contentType: request.headers.get("Content-Type") });
    return new Response(JSON.stringify({ value: 1 }), { status: 200, headers: { "Content-Type": "application/json" } });
  };
  const client = createODataClient(route, { serviceRootUrl: ROOT, fetch, retry: false });
  return { sent, client, company: client.company({ name: "CRONUS & Co" }) };
}

describe("functions send their parameters (OData URL conventions)", () => {
  it("unbound: primitives inline as typed literals, the company stays a query option, no body", async () => {
    const { sent, company } = recorder();
    await company.invoke("price", { itemNo: "O'Neil & Co/1", qty: 3, when: "2026-01-31" });
    expect(sent).toEqual([{ method: "GET", url: `${ROOT}/PriceService_GetPrice(itemNo='O''Neil%20%26%20Co%2F1',qty=3,when=2026-01-31)?company=CRONUS%20%26%20Co`, body: "", contentType: null }]);
  });

  it("complex and collection values travel as parameter aliases with JSON values", async () => {
    const { sent, company } = recorder();
    await company.invoke("price", { itemNo: "1000", codes: ["A&B", "C"], filter: { min: 1 } });
    expect(sent[0]!.url).toBe(`${ROOT}/PriceService_GetPrice(itemNo='1000',codes=@codes,filter=@filter)?company=CRONUS%20%26%20Co&@codes=%5B%22A%26B%22,%22C%22%5D&@filter=%7B%22min%22:1%7D`);
    const query = new URL(sent[0]!.url).searchParams;
    expect([JSON.parse(query.get("@codes")!), JSON.parse(query.get("@filter")!)]).toEqual([["A&B", "C"], { min: 1 }]);
  });

  it("no parameters: empty parentheses, which the URL conventions require", async () => {
    const { sent, company } = recorder();
    await company.invoke("today");
    expect(sent[0]!.url).toBe(`${ROOT}/PriceService_Today()?company=CRONUS%20%26%20Co`);
  });

  it("bound functions too; actions keep their JSON body", async () => {
    const { sent, company } = recorder();
    await company.Job.byId(ID).eta({ from: "2026-02-01", hours: 4 });
    await company.invoke("post", { name: "x" });
    expect(sent.map((s) => `${s.method} ${s.url} ${s.body}`)).toEqual([
      `GET ${ROOT}/Company('CRONUS%20%26%20Co')/Job(${ID})/NAV.Eta(from=2026-02-01,hours=4) `,
      `POST ${ROOT}/Setup_Post?company=CRONUS%20%26%20Co {"name":"x"}`,
    ]);
  });

  it("inside $batch, a bound function's parameters are in its inner URL", async () => {
    const bodies: string[] = [];
    const fetch = async (request: Request) => {
      bodies.push(await request.text());
      return new Response(JSON.stringify({ responses: [{ id: "1", status: 200, headers: { "content-type": "application/json" }, body: { value: "soon" } }] }), { status: 200, headers: { "Content-Type": "application/json" } });
    };
    const company = createODataClient(route, { serviceRootUrl: ROOT, fetch, retry: false }).company({ name: "CRONUS" });
    const [eta] = await company.batch((b) => [b.Job.byId(ID).eta({ from: "2026-02-01", hours: 4 })]);
    expect(eta).toMatchObject({ ok: true, value: "soon" });
    expect(JSON.parse(bodies[0]!).requests[0]).toMatchObject({ method: "GET", url: `Company('CRONUS')/Job(${ID})/NAV.Eta(from=2026-02-01,hours=4)` });
  });

  it("a bad value or an unknown parameter is an ODataQueryError and nothing is sent", async () => {
    const { sent, company } = recorder();
    await expect(company.invoke("price", { itemNo: "1", qty: 1.5 })).rejects.toThrow(/Edm\.Int32 literal 1\.5 for "qty"/);
    // @ts-expect-error "injected" is not a parameter of the function
    await expect(company.invoke("price", { itemNo: "1", injected: "x') or true or ('" })).rejects.toThrow(/has no parameter "injected"/);
    await expect(company.invoke("price", { itemNo: "1'),x=(" })).resolves.toBe(1);
    expect(sent.map((s) => s.url)).toEqual([`${ROOT}/PriceService_GetPrice(itemNo='1'')%2Cx%3D(')?company=CRONUS%20%26%20Co`]);
  });
});

describe("unknown operation names are refused before sending (company and service-root invoke)", () => {
  it.each(["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf", "Nope"])("invoke(%j)", async (name) => {
    const { sent, company, client } = recorder();
    for (const invoke of [company.invoke, client.invoke] as Array<(n: string) => Promise<unknown>>) {
      const error = await invoke(name).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ODataQueryError);
      expect((error as Error).message).toContain(`has no unbound operation "${name}"`);
    }
    expect(sent).toEqual([]);
  });
});
