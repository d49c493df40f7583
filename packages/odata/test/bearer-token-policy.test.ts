// The bearer policy alone: it signs beside the request (no Request the policy passes on ever carries
// the token), the 401 re-send keeps the attempt's signal, and a body survives the re-send. Then the
// transport step: what leaves carries the token, for a transport of your own and for global fetch.
import { afterEach, describe, expect, it, vi } from "vitest";
import { attemptSignalOf, setAttemptSignal } from "../src/pipeline/attempt-signal.js";
import { bearerTokenPolicy } from "../src/pipeline/bearer-token-policy.js";
import { bindCallContext } from "../src/pipeline/call-context.js";
import { authorizationOf, authorize } from "../src/pipeline/request-authorization.js";
import { defaultTransport, signalTransport } from "../src/pipeline/transport.js";

describe("bearerTokenPolicy", () => {
  it("a POST answered 401 is re-sent with the refreshed token, its body and the attempt's signal; no request holds a token header", async () => {
    const sent: Array<{ auth: string | undefined; header: string | null; body: string; signal: AbortSignal }> = [];
    const next = async (r: Request) => {
      sent.push({ auth: authorizationOf(r), header: r.headers.get("Authorization"), body: await r.text(), signal: attemptSignalOf(r) });
      return new Response(null, { status: sent.length === 1 ? 401 : 201 });
    };
    const credential = { getToken: async (o?: { forceRefresh?: boolean }) => ({ token: o?.forceRefresh ? "fresh" : "stale" }) };
    const request = new Request("https://bc.example/customers", { method: "POST", body: '{"displayName":"A"}' });
    const attempt = new AbortController().signal;
    setAttemptSignal(request, attempt);
    const response = await bearerTokenPolicy(credential)(request, next);
    expect(response.status).toBe(201);
    expect(sent).toEqual([
      { auth: "Bearer stale", header: null, body: '{"displayName":"A"}', signal: attempt },
      { auth: "Bearer fresh", header: null, body: '{"displayName":"A"}', signal: attempt },
    ]);
    expect(request.headers.get("Authorization")).toBeNull();
  });
});

describe("signalTransport", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("a transport of your own gets a signed copy and the attempt's signal; the request itself stays unsigned", async () => {
    const seen: Array<{ auth: string | null; same: boolean; signal: AbortSignal | undefined }> = [];
    const request = new Request("https://bc.example/customers", { headers: { "client-request-id": "c1" } });
    const transport = async (r: Request, init?: { readonly signal?: AbortSignal }) => {
      seen.push({ auth: r.headers.get("Authorization"), same: r === request, signal: init?.signal });
      return new Response("{}");
    };
    authorize(request, "Bearer t1");
    await signalTransport(transport)(request);
    expect(seen).toEqual([{ auth: "Bearer t1", same: false, signal: request.signal }]);
    expect(request.headers.get("Authorization")).toBeNull();
  });

  it("global fetch gets a GET as URL + init with the token, and a signal only when the call can be aborted", async () => {
    const calls: Array<{ input: unknown; auth: string | null; id: string | null; redirect: unknown; signal: boolean }> = [];
    vi.stubGlobal("fetch", async (input: unknown, init?: RequestInit) => {
      calls.push({ input, auth: new Headers(init?.headers).get("Authorization"), id: new Headers(init?.headers).get("client-request-id"), redirect: init?.redirect, signal: init?.signal !== undefined });
      return new Response("{}");
    });
    const send = signalTransport(defaultTransport);
    for (const abortable of [false, true]) {
      const request = new Request("https://bc.example/customers?$top=1", { headers: { "client-request-id": "c2" }, redirect: "manual" });
      bindCallContext(request, { release: undefined, abortable });
      authorize(request, "Bearer t2");
      await send(request);
      expect(request.headers.get("Authorization")).toBeNull();
    }
    expect(calls).toEqual([
      { input: "https://bc.example/customers?$top=1", auth: "Bearer t2", id: "c2", redirect: "manual", signal: false },
      { input: "https://bc.example/customers?$top=1", auth: "Bearer t2", id: "c2", redirect: "manual", signal: true },
    ]);
  });

  it("global fetch gets a request with a body as the request + signed headers; a timed attempt always passes its signal", async () => {
    const calls: Array<{ same: boolean; auth: string | null; signal: AbortSignal | undefined | null }> = [];
    const request = new Request("https://bc.example/customers", { method: "POST", body: "{}" });
    vi.stubGlobal("fetch", async (input: unknown, init?: RequestInit) => {
      calls.push({ same: input === request, auth: new Headers(init?.headers).get("Authorization"), signal: init?.signal });
      return new Response("{}");
    });
    const timed = new AbortController().signal;
    setAttemptSignal(request, timed);
    bindCallContext(request, { release: undefined, abortable: false });
    authorize(request, "Bearer t3");
    await signalTransport(defaultTransport)(request);
    expect(calls).toEqual([{ same: true, auth: "Bearer t3", signal: timed }]);
  });
});
