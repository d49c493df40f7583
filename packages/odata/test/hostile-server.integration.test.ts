// Issue 14 (runtime) and issue 15 item 2: a hostile server started by the test on 127.0.0.1 — redirects
// to another origin, same-origin redirects of writes, nextLink loops, relative and foreign nextLinks.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createODataClient, ODataPagingError, ODataQueryError, ODataRedirectError, ODataRequestError, type Page, type TokenCredential } from "../src/index.js";
import { apiV2_0 } from "./fixtures/api-model.js";
import { startHostileServer, type HostileServer } from "./support/hostile-server.js";

const TOKEN = "secret-token";
const ID = "5d115c9c-44e3-ea11-bb43-000d3a2feca1";
const ROOT = "/v2.0/t/production/api/v2.0";
const CUSTOMERS = `${ROOT}/companies(${ID})/customers`;
const credential: TokenCredential = { getToken: async () => ({ token: TOKEN }) };

let bc: HostileServer;
let elsewhere: HostileServer;
beforeEach(async () => {
  [bc, elsewhere] = await Promise.all([startHostileServer(), startHostileServer(() => ({ status: 201, body: { id: "attacker", displayName: "not BC" } }))]);
});
afterEach(async () => {
  await Promise.all([bc.close(), elsewhere.close()]);
});

const client = () => createODataClient(apiV2_0, { tenantId: "t", environment: "production", baseUrl: bc.origin, credential, retry: false });
const company = () => client().company(ID);
const collect = async <T>(pages: AsyncIterable<Page<T>>) => {
  const seen: T[][] = [];
  const error = await (async () => {
    for await (const page of pages) seen.push([...page.value]);
  })().catch((e: unknown) => e);
  return { seen, error };
};

describe("redirects", () => {
  it("a 307 on a create to another origin is refused: the body and token never reach it, nothing is returned as created", async () => {
    bc.answer = () => ({ status: 307, headers: { Location: `${elsewhere.origin}/steal` } });
    const error = await company().customers.create({ displayName: "Customer secret" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataRedirectError);
    expect(error).toMatchObject({ reason: "cross-origin", status: 307, method: "POST", location: `${elsewhere.origin}/steal` });
    expect(elsewhere.requests).toEqual([]);
    expect(bc.requests).toHaveLength(1);
  });

  it("a 302 on GET to another origin is refused: its data is never taken for BC data", async () => {
    bc.answer = () => ({ status: 302, headers: { Location: `${elsewhere.origin}${CUSTOMERS}` } });
    const error = await company().customers.list().next().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ODataRedirectError", reason: "cross-origin", status: 302 });
    expect(elsewhere.requests).toEqual([]);
  });

  it("another origin on the same host (other port, other scheme) is another origin", async () => {
    for (const location of [`${elsewhere.origin}/x`, bc.origin.replace("http:", "https:") + "/x", bc.origin.replace("127.0.0.1", "localhost") + "/x"]) {
      bc.answer = () => ({ status: 301, headers: { Location: location } });
      await expect(company().customers.list().next()).rejects.toMatchObject({ reason: "cross-origin" });
    }
    expect(elsewhere.requests).toEqual([]);
  });

  it("a same-origin 307/308 on POST or PATCH is refused: the body is sent once, never again", async () => {
    for (const status of [307, 308]) {
      bc.requests.length = 0;
      bc.answer = (r) => (r.url.endsWith("/moved") ? { status: 201, body: { id: "x" } } : { status, headers: { Location: "/moved" } });
      await expect(company().customers.create({ displayName: "A" })).rejects.toMatchObject({ name: "ODataRedirectError", reason: "write", status });
      await expect(company().customers.byId(ID).update({ displayName: "B" }, { ifMatch: "*" })).rejects.toMatchObject({ reason: "write", method: "PATCH" });
      expect(bc.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`POST ${CUSTOMERS}`, `PATCH ${CUSTOMERS}(${ID})`]);
    }
  });

  it("a same-origin 303 never turns a create into a GET", async () => {
    bc.answer = (r) => (r.method === "GET" ? { status: 200, body: { id: "x", displayName: "a GET answer" } } : { status: 303, headers: { Location: `${CUSTOMERS}(${ID})` } });
    await expect(company().customers.create({ displayName: "A" })).rejects.toMatchObject({ reason: "write", status: 303 });
    expect(bc.requests.map((r) => r.method)).toEqual(["POST"]);
  });

  it("a same-origin redirect of a GET is followed, with the token, and a DELETE only on 307/308", async () => {
    bc.answer = (r) =>
      r.url.startsWith(`${ROOT}/moved`) ? (r.method === "GET" ? { status: 200, body: { value: [{ id: ID, displayName: "moved" }] } } : { status: 204 }) : { status: r.method === "GET" ? 302 : 307, headers: { Location: `${ROOT}/moved` } };
    const page = await company().customers.list().byPage().next();
    expect(page.value!.value).toEqual([{ id: ID, displayName: "moved" }]);
    await company().customers.byId(ID).delete({ ifMatch: "*" });
    expect(bc.requests.map((r) => `${r.method} ${r.url} ${r.headers["authorization"]}`)).toEqual([
      `GET ${CUSTOMERS} Bearer ${TOKEN}`,
      `GET ${ROOT}/moved Bearer ${TOKEN}`,
      `DELETE ${CUSTOMERS}(${ID}) Bearer ${TOKEN}`,
      `DELETE ${ROOT}/moved Bearer ${TOKEN}`,
    ]);
    expect(bc.requests[3]!.headers["if-match"]).toBe("*");
    bc.answer = () => ({ status: 301, headers: { Location: `${ROOT}/moved` } });
    await expect(company().customers.byId(ID).delete({ ifMatch: "*" })).rejects.toMatchObject({ reason: "write", status: 301, method: "DELETE" });
  });

  it("a redirect loop on the same origin stops after 5 hops", async () => {
    bc.answer = (r) => ({ status: 302, headers: { Location: r.url.endsWith("/a") ? `${ROOT}/b` : `${ROOT}/a` } });
    await expect(company().customers.list().next()).rejects.toMatchObject({ reason: "too-many" });
    expect(bc.requests).toHaveLength(6);
  });

  it("a refused redirect is not retried, even for a GET with retries enabled", async () => {
    bc.answer = () => ({ status: 302, headers: { Location: `${elsewhere.origin}/x` } });
    const retrying = createODataClient(apiV2_0, { tenantId: "t", environment: "production", baseUrl: bc.origin, credential, sleep: async () => {} });
    const error = await retrying.company(ID).customers.list().next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataRedirectError);
    expect(error).toBeInstanceOf(ODataRequestError);
    expect(bc.requests).toHaveLength(1);
  });

  it("a 3xx without Location is an answer, not a redirect (ODataError)", async () => {
    bc.answer = () => ({ status: 302 });
    await expect(company().customers.list().next()).rejects.toMatchObject({ status: 302 });
    expect(bc.requests).toHaveLength(1);
  });
});

describe("nextLink loops and maxPages", () => {
  const page = (n: number, next?: string) => ({ status: 200, body: { value: [{ id: ID, displayName: `p${n}` }], ...(next === undefined ? {} : { "@odata.nextLink": next }) } });

  it("the same nextLink forever: the pages before are delivered, then ODataPagingError (reason loop)", async () => {
    bc.answer = () => page(1, `${bc.origin}${CUSTOMERS}?$skiptoken=1`);
    const { seen, error } = await collect(company().customers.list().byPage());
    expect(error).toBeInstanceOf(ODataPagingError);
    expect(error).toMatchObject({ reason: "loop", pages: 2, continuationToken: `${bc.origin}${CUSTOMERS}?$skiptoken=1` });
    expect(seen).toHaveLength(2);
    expect(bc.requests).toHaveLength(2);
  });

  it("a nextLink back to the first page or a longer cycle is a loop too (item by item as well)", async () => {
    bc.answer = (r) => (r.url.includes("skiptoken=2") ? page(3, `${bc.origin}${CUSTOMERS}`) : r.url.includes("skiptoken=1") ? page(2, `${bc.origin}${CUSTOMERS}?$skiptoken=2`) : page(1, `${bc.origin}${CUSTOMERS}?$skiptoken=1`));
    const items: string[] = [];
    const error = await (async () => {
      for await (const c of company().customers.list()) items.push(c.displayName ?? "");
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ODataPagingError", reason: "loop", pages: 3 });
    expect(items).toEqual(["p1", "p2", "p3"]);
  });

  it("maxPages stops an endless run of distinct links; without it each link is followed", async () => {
    bc.answer = (r) => {
      const n = Number(/skiptoken=(\d+)/.exec(r.url)?.[1] ?? 0);
      return page(n, `${bc.origin}${CUSTOMERS}?$skiptoken=${n + 1}`);
    };
    const { seen, error } = await collect(company().customers.list({ maxPages: 3 }).byPage());
    expect(error).toMatchObject({ name: "ODataPagingError", reason: "max-pages", pages: 3, continuationToken: `${bc.origin}${CUSTOMERS}?$skiptoken=3` });
    expect(seen).toHaveLength(3);
    bc.requests.length = 0;
    const resumed = await collect(company().customers.list().byPage({ continuationToken: `${bc.origin}${CUSTOMERS}?$skiptoken=3`, maxPages: 2 }));
    expect(resumed.seen.flat().map((c) => c.displayName)).toEqual(["p3", "p4"]);
    await expect(company().customers.list({ maxPages: 0 }).next()).rejects.toBeInstanceOf(ODataQueryError);
  });
});

describe("relative and foreign nextLinks (OData JSON format §4.3)", () => {
  it("a relative nextLink is resolved against the context URL (CAP style), then the request URL", async () => {
    bc.answer = (r) =>
      r.url === `${ROOT}/companies`
        ? { status: 200, body: { "@odata.context": "$metadata#companies", value: [{ id: "a" }], "@odata.nextLink": "companies?$skiptoken=1" } }
        : r.url === `${ROOT}/companies?$skiptoken=1`
          ? { status: 200, body: { value: [{ id: "b" }], "@odata.nextLink": "companies?$skiptoken=2" } }
          : { status: 200, body: { value: [{ id: "c" }] } };
    const { seen, error } = await collect(client().companies.list().byPage());
    expect(error).toBeUndefined();
    expect(seen.flat().map((c) => c.id)).toEqual(["a", "b", "c"]);
    expect(bc.requests.map((r) => r.url)).toEqual([`${ROOT}/companies`, `${ROOT}/companies?$skiptoken=1`, `${ROOT}/companies?$skiptoken=2`]);
  });

  it("a nextLink to another origin — absolute or protocol-relative — is refused before anything is sent there", async () => {
    for (const link of [`${elsewhere.origin}${CUSTOMERS}?$skiptoken=1`, `//${new URL(elsewhere.origin).host}/x`]) {
      bc.answer = () => ({ status: 200, body: { value: [], "@odata.nextLink": link } });
      const { seen, error } = await collect(company().customers.list().byPage());
      expect(seen).toHaveLength(1);
      expect(error).toBeInstanceOf(ODataQueryError);
      expect((error as Error).message).toContain("outside");
    }
    expect(elsewhere.requests).toEqual([]);
  });

  it("a nextLink that is not a string is refused", async () => {
    bc.answer = () => ({ status: 200, body: { value: [], "@odata.nextLink": { href: "x" } } });
    const { error } = await collect(company().customers.list().byPage());
    expect(error).toBeInstanceOf(ODataQueryError);
  });
});

describe("Preference-Applied", () => {
  it("reports the page size the server applied, false when it ignored the preference, undefined when silent", async () => {
    const answers: Array<Record<string, string>> = [{ "Preference-Applied": "odata.maxpagesize=2" }, { "Preference-Applied": "return=minimal" }, {}];
    const sizes: unknown[] = [];
    for (const headers of answers) {
      bc.answer = () => ({ status: 200, headers, body: { value: [] } });
      sizes.push((await company().customers.list().byPage({ maxPageSize: 2 }).next()).value!.maxPageSizeApplied);
    }
    expect(sizes).toEqual([2, false, undefined]);
    expect(bc.requests.every((r) => r.headers["prefer"] === "odata.maxpagesize=2")).toBe(true);
  });
});
