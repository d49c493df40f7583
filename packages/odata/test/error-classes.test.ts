import { describe, expect, it } from "vitest";
import { classifyNetworkError } from "../src/errors/classify-network-error.js";
import { createODataError, ODataConcurrencyError, ODataError, ODataRequestError, ODataThrottledError, redactUrl, writeOutcomeOf } from "../src/index.js";
import { readResponseBody } from "../src/client/read-response-body.js";

const fetchFailed = (cause: unknown) => new TypeError("fetch failed", { cause });

describe("classifyNetworkError", () => {
  it.each([
    [fetchFailed({ code: "ECONNREFUSED" }), "refused", true],
    [fetchFailed({ code: "ENOTFOUND" }), "dns", true],
    [fetchFailed({ code: "EAI_AGAIN" }), "dns", true],
    [fetchFailed({ code: "UND_ERR_CONNECT_TIMEOUT" }), "connect-timeout", true],
    [fetchFailed({ code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" }), "tls", true],
    [fetchFailed({ code: "SELF_SIGNED_CERT_IN_CHAIN" }), "tls", true],
    [fetchFailed({ code: "ERR_TLS_CERT_ALTNAME_INVALID" }), "tls", true],
    [fetchFailed({ code: "ECONNRESET" }), "reset", false],
    [fetchFailed({ code: "UND_ERR_SOCKET", cause: { code: "ECONNRESET" } }), "reset", false],
    [fetchFailed({ code: "UND_ERR_SOCKET" }), "reset", false],
    [new TypeError("terminated"), "reset", false],
    [fetchFailed(new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })])), "refused", true],
    [fetchFailed({ code: "EWHATEVER" }), "other", false],
  ] as const)("%s → %s (not sent: %s)", (error, kind, notSent) => {
    expect(classifyNetworkError(error)).toMatchObject({ kind, notSent });
  });

  it("says nothing about errors without a sign of the network", () => {
    expect(classifyNetworkError(new RangeError("x"))).toBeUndefined();
    expect(classifyNetworkError("text")).toBeUndefined();
  });
});

describe("readResponseBody never throws SyntaxError", () => {
  const read = (body: string, init: ResponseInit & { expect?: "entity" | "collection" | "batch"; method?: string } = {}) =>
    readResponseBody(new Response(body, { status: init.status ?? 200, headers: init.headers ?? { "content-type": "application/json" } }), { method: init.method ?? "GET", expect: init.expect });
  it.each([
    ['{"value":[', "not-json"],
    ["<html><body>Sign in</body></html>", "media-type"],
    ['<?xml version="1.0"?><feed/>', "media-type"],
    ['{"value":"abc"}', "shape"],
    ["", "empty"],
  ] as const)("%j as a collection → %s", async (body, reason) => {
    expect(await read(body, { expect: "collection" })).toMatchObject({ ok: false, malformed: { reason } });
  });
  it("JSON under a text/html media type is refused; an entity must be an object that is not a bare {value} wrapper", async () => {
    expect(await read('{"a":1}', { headers: { "content-type": "text/html" }, expect: "entity" })).toMatchObject({ ok: false, malformed: { reason: "media-type" } });
    expect(await read("[1]", { expect: "entity" })).toMatchObject({ ok: false, malformed: { reason: "shape" } });
    expect(await read('{"value":"abc"}', { expect: "entity" })).toMatchObject({ ok: false, malformed: { reason: "shape" } });
    expect(await read('{"id":"1","value":2}', { expect: "entity" })).toEqual({ ok: true, data: { id: "1", value: 2 } });
  });
  it("204 on a write is fine without a body; a read needs one", async () => {
    expect(await readResponseBody(new Response(null, { status: 204 }), { method: "PATCH", expect: "entity" })).toEqual({ ok: true, data: undefined });
    expect(await readResponseBody(new Response(null, { status: 204 }), { method: "GET", expect: "entity" })).toMatchObject({ ok: false });
  });
});

describe("error classes", () => {
  const base = { method: "GET", url: "https://x/api/v2.0/companies", headers: new Headers(), clientRequestId: "c-1" };
  it("401 Authentication_InvalidCredentials and 403 carry BC's remedy", () => {
    const unauthorized = createODataError({ ...base, status: 401, body: { error: { code: "Authentication_InvalidCredentials", message: "The server has rejected the client credentials." } } });
    expect(unauthorized.remedy).toMatch(/Microsoft Entra Applications/);
    expect(unauthorized.message).toContain(unauthorized.remedy);
    const forbidden = createODataError({ ...base, status: 403, body: { error: { code: "Authorization_InsufficientPermissions", message: "no" } } });
    expect(forbidden.remedy).toMatch(/permission sets/);
    expect(createODataError({ ...base, status: 404, body: {} }).remedy).toBe("");
  });
  it("409 Request_EntityChanged and 412 → ODataConcurrencyError; 429 and 503 → ODataThrottledError; all are ODataError and ODataRequestError", () => {
    const changed = createODataError({ ...base, status: 409, body: { error: { code: "Request_EntityChanged", message: "m" } } });
    const throttled = createODataError({ ...base, status: 429, body: "", lastRetryAfterInMs: 7000 });
    expect(changed).toBeInstanceOf(ODataConcurrencyError);
    expect(throttled).toBeInstanceOf(ODataThrottledError);
    expect((throttled as ODataThrottledError).lastRetryAfterInMs).toBe(7000);
    for (const e of [changed, throttled]) {
      expect(e).toBeInstanceOf(ODataError);
      expect(e).toBeInstanceOf(ODataRequestError);
    }
  });
  it("the message names the outcome and what to do; writeOutcomeOf reads it", () => {
    const e = createODataError({ ...base, method: "POST", status: 504, body: "<html>504</html>", outcome: "unknown", attempts: 1, elapsedInMs: 12 });
    expect(e.message).toMatch(/^POST https:\/\/x\/api\/v2\.0\/companies failed with 504: .*client-request-id c-1\)\. The write MAY HAVE BEEN APPLIED/);
    expect(writeOutcomeOf(e)).toBe("unknown");
    expect(writeOutcomeOf(new Error("x"))).toBeUndefined();
  });
  it("a gateway's HTML 504 names its title and says what to do", () => {
    const e = createODataError({ ...base, status: 504, body: "<html><head><title>504 Gateway Time-out</title></head><body>…</body></html>" });
    expect(e.serverMessage).toBe("504 Gateway Time-out (an HTML page, not Business Central's JSON error)");
    expect(e.remedy).toMatch(/make it smaller/);
  });
  it("redactUrl removes userinfo and secret-looking query values", () => {
    expect(redactUrl("https://u:p@host/x?sig=abc&$top=1")).toBe("https://host/x?sig=***&$top=1");
    expect(redactUrl("https://host/x?$filter=a%20eq%201")).toBe("https://host/x?$filter=a%20eq%201");
    expect(redactUrl("not a url")).toBe("not a url");
  });
});
