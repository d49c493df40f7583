// Issue 14: the bearer token is added below everything user code can observe. A logging middleware
// (as the README suggests) and `onResponse` see every call — GET, POST, PATCH, DELETE, $batch, stream
// download and upload, the 401 re-send and a network error — and never the Authorization header,
// while the server receives it on every request.
import type { Middleware } from "openapi-fetch";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createODataClient, ODataError, type PipelineEvent, type ResponseInfo, type TokenCredential } from "../src/index.js";
import { apiV2_0 } from "./fixtures/api-model.js";
import { startFakeBc, type FakeBc } from "./support/fake-bc.js";

const TOKEN = "token-1";
let server: FakeBc;
beforeEach(async () => {
  server = await startFakeBc();
});
afterEach(async () => {
  await server.close();
});

function plain(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => (out[name] = value));
  return out;
}

/** Everything a logging middleware and `onResponse` were handed, flattened to text per event. */
function logger() {
  const seen: Array<{ hook: string; method: string; headers: Record<string, string>; text: string }> = [];
  const record = (hook: string, request: Request, extra: unknown = "") => {
    const headers = plain(request.headers);
    seen.push({ hook, method: request.method, headers, text: `${request.url} ${JSON.stringify(headers)} ${String(extra)} ${JSON.stringify(extra)}` });
  };
  const middleware: Middleware = {
    onRequest: ({ request }) => void record("onRequest", request),
    onResponse: ({ request, response }) => void record("onResponse", request, JSON.stringify(plain(response.headers))),
    onError: ({ request, error }) => void record("onError", request, error),
  };
  const infos: ResponseInfo[] = [];
  const onResponse = (info: ResponseInfo) => void infos.push(info);
  return { seen, middleware, infos, onResponse };
}

function client(credential: TokenCredential, middleware: Middleware, fetch?: (r: Request, i?: { signal?: AbortSignal }) => Promise<Response>) {
  return createODataClient(apiV2_0, { tenantId: server.tenantId, environment: server.environment, baseUrl: server.origin, credential, middleware: [middleware], retry: false, ...(fetch ? { fetch } : {}) });
}

function expectNoToken(log: ReturnType<typeof logger>, ...more: unknown[]) {
  for (const event of log.seen) {
    expect(event.headers).not.toHaveProperty("authorization");
    expect(event.text).not.toContain(TOKEN);
  }
  for (const info of log.infos) expect(JSON.stringify([info.url, plain(info.headers)])).not.toContain(TOKEN);
  for (const thing of more) expect(`${String(thing)} ${JSON.stringify(thing)}`).not.toContain(TOKEN);
}

describe("the bearer token is invisible to user code", () => {
  it("GET, POST, PATCH, DELETE, $batch and streams: middleware and onResponse never see it; the server always gets it", async () => {
    const log = logger();
    const company = client({ getToken: async () => ({ token: TOKEN }) }, log.middleware).company(server.companyId);
    const o = { onResponse: log.onResponse };
    const created = await company.customers.create({ displayName: "A" }, o); // POST
    for await (const _ of company.customers.list(o)); // GET
    const updated = await company.customers.byId(created.id).update({ displayName: "B" }, { ...o, entity: created }); // PATCH
    const [item] = await company.batch((b) => [b.items.create({ displayName: "Desk" })], { atomic: true, onResponse: log.onResponse }); // $batch
    await company.items.byId(item.id).picture.pictureContent.upload(new Uint8Array([1, 2, 3]), o); // GET (ETag) + PATCH stream
    expect(await company.items.byId(item.id).picture.pictureContent.download(o)).toEqual(new Uint8Array([1, 2, 3])); // GET stream
    await company.customers.byId(created.id).delete({ ...o, etag: updated["@odata.etag"]! }); // DELETE

    const methods = log.seen.filter((e) => e.hook === "onResponse").map((e) => e.method);
    expect(methods).toEqual(["POST", "GET", "PATCH", "POST", "GET", "PATCH", "GET", "DELETE"]);
    expect(log.seen.filter((e) => e.hook === "onRequest")).toHaveLength(8);
    expect(log.infos.map((i) => i.method)).toEqual(["POST", "GET", "PATCH", "POST", "PATCH", "GET", "DELETE"]); // the upload's ETag read reports to no onResponse
    expectNoToken(log);
    expect(server.requests).toHaveLength(8);
    for (const r of server.requests) expect(r.headers["authorization"]).toBe(`Bearer ${TOKEN}`);
  });

  it("the 401 re-send with a refreshed token is invisible too", async () => {
    const log = logger();
    const credential: TokenCredential = { getToken: async (options) => ({ token: options?.forceRefresh === true ? TOKEN : "stale-secret" }) };
    for await (const _ of client(credential, log.middleware).companies.list({ onResponse: log.onResponse }));
    expect(server.requests.map((r) => r.headers["authorization"])).toEqual(["Bearer stale-secret", `Bearer ${TOKEN}`]);
    expectNoToken(log);
    expect(JSON.stringify(log.seen)).not.toContain("stale-secret");
  });

  it("error answers and network errors carry no token (ODataError, onError)", async () => {
    const log = logger();
    const company = client({ getToken: async () => ({ token: TOKEN }) }, log.middleware).company(server.companyId);
    const notFound = await company.customers.byId("00000000-0000-0000-0000-000000000000").get().catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(ODataError);
    const reset = (request: Request) => {
      expect(request.headers.get("Authorization")).toBe(`Bearer ${TOKEN}`); // the transport is below the token
      return Promise.reject(Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } }));
    };
    const failing = client({ getToken: async () => ({ token: TOKEN }) }, log.middleware, reset).company(server.companyId);
    const network = await failing.customers.create({ displayName: "A" }).catch((e: unknown) => e);
    expect(network).toBeInstanceOf(Error);
    expect(log.seen.map((e) => e.hook)).toEqual(["onRequest", "onResponse", "onRequest", "onError"]);
    expectNoToken(log, notFound, { ...(notFound as object) }, network, { ...(network as object) });
  });

  it("pipeline events (onEvent) across a throttled retry and a 401 refresh carry no token", async () => {
    const events: PipelineEvent[] = [];
    const credential: TokenCredential = { getToken: async (options) => ({ token: options?.forceRefresh === true ? TOKEN : "stale-secret" }) };
    server.faults.push({ status: 429, headers: { "Retry-After": "0" } });
    const c = createODataClient(apiV2_0, { tenantId: server.tenantId, environment: server.environment, baseUrl: server.origin, credential, onEvent: (e) => void events.push(e), sleep: async () => {} });
    for await (const _ of c.companies.list());
    expect(events.map((e) => e.kind)).toContain("throttled");
    expect(server.requests.map((r) => r.headers["authorization"])).toContain(`Bearer ${TOKEN}`);
    const seen = JSON.stringify(events);
    expect(seen).not.toContain(TOKEN);
    expect(seen).not.toContain("stale-secret");
    expect(seen.toLowerCase()).not.toContain("authorization");
  });
});
