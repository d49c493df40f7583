import { describe, expect, it } from "vitest";
import { createODataClient, InProcessLimiter, type TokenCredential } from "../src/index.js";
import { BareRequest, toFetchRequest } from "../src/pipeline/bare-request.js";
import { apiV2_0 } from "./fixtures/api-model.js";

const credential: TokenCredential = { getToken: async () => ({ token: "token-1", expiresOnTimestamp: Date.now() + 3_600_000 }) };
const root = "https://bc.example/v2.0/t-1/production/api/v2.0";
const page = JSON.stringify({ value: [] });

describe("BareRequest: the executor's light request for body-less calls", () => {
  it("a custom transport still gets a real, signed Request with the caller's signal", async () => {
    const seen: Request[] = [];
    const fetch = async (request: Request) => (seen.push(request), new Response(page, { headers: { "content-type": "application/json" } }));
    const client = createODataClient(apiV2_0, { serviceRootUrl: root, credential, fetch, limiter: new InProcessLimiter() } as never);
    const caller = new AbortController();
    await client.company("5d115c9c-44e3-ea11-bb43-000d3a2feca1").customers.list({ top: 1, abortSignal: caller.signal }).next();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(Request);
    expect(seen[0]!.url).toBe(`${root}/companies(5d115c9c-44e3-ea11-bb43-000d3a2feca1)/customers?$top=1`);
    expect(seen[0]!.headers.get("authorization")).toBe("Bearer token-1");
    expect(seen[0]!.headers.get("accept")).toBe("application/json");
    expect(seen[0]!.redirect).toBe("manual");
    caller.abort(new Error("stop"));
    expect(seen[0]!.signal.aborted).toBe(true);
  });
  it("user middleware sees real Request objects (never the pipeline's own), without the token", async () => {
    const seen: unknown[] = [];
    const fetch = async () => new Response(page, { headers: { "content-type": "application/json" } });
    const client = createODataClient(apiV2_0, { serviceRootUrl: root, credential, fetch, limiter: new InProcessLimiter(), middleware: [{ onRequest: ({ request }: { request: Request }) => void seen.push(request) }] } as never);
    await client.company("5d115c9c-44e3-ea11-bb43-000d3a2feca1").customers.list({ top: 1 }).next();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(Request);
    expect((seen[0] as Request).headers.get("authorization")).toBeNull();
  });
  it("toFetchRequest rebuilds a bare request (headers, method, redirect, an abort that still fires) and passes real ones through", () => {
    const caller = new AbortController();
    const bare = new BareRequest(`${root}/companies`, { method: "DELETE", headers: new Headers({ "if-match": "*" }), signal: caller.signal, redirect: "manual" });
    const real = toFetchRequest(bare as unknown as Request, { headers: new Headers({ authorization: "Bearer x" }) });
    expect(real).toBeInstanceOf(Request);
    expect([real.method, real.url, real.redirect, real.headers.get("authorization"), real.headers.get("if-match")]).toEqual(["DELETE", `${root}/companies`, "manual", "Bearer x", null]);
    caller.abort(new Error("stop"));
    expect(real.signal.aborted).toBe(true);
    const plain = new Request(`${root}/companies`);
    expect(toFetchRequest(plain)).toBe(plain);
  });
  it("clone() copies the headers: signing the clone leaves the original unchanged", () => {
    const bare = new BareRequest(`${root}/companies`, { headers: new Headers({ accept: "application/json" }) });
    const copy = bare.clone();
    copy.headers.set("x-extra", "1");
    expect(bare.headers.get("x-extra")).toBeNull();
    expect(copy.url).toBe(bare.url);
    expect(copy.signal.aborted).toBe(false);
  });
});
