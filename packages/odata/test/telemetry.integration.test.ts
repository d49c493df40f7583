import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { createODataClient, InProcessLimiter, type BctsLogger, type TokenCredential } from "../src/index.js";
import { apiV2_0 } from "./fixtures/api-model.js";
import { startFakeBc, type FakeBc } from "./support/fake-bc.js";
import { counterValue, installOtel } from "./support/otel-harness.js";

// Spans and metrics of the request pipeline, read back from the OpenTelemetry SDK's in-memory exporters.
const otel = installOtel();
let server: FakeBc;
let limiter: InProcessLimiter;
let lines: string[];
const logger: BctsLogger = Object.fromEntries(
  (["error", "warning", "info", "verbose"] as const).map((level) => [level, (message: string, context?: unknown) => void lines.push(`${level} ${message} ${JSON.stringify(context)}`)]),
);

beforeEach(async () => {
  otel.reset();
  lines = [];
  server = await startFakeBc();
  limiter = new InProcessLimiter({ sleep: async () => undefined });
});
afterEach(() => server.close());

const EXPIRES = Date.now() + 3_600_000;
/** A credential like @bcts/auth's providers (tenantId, clientId, a cached token until a forced refresh); `failWith` makes it throw. */
function credential(tokens = ["token-1"], failWith?: Error) {
  let i = 0;
  const c: TokenCredential & { tenantId: string; clientId: string } = {
    tenantId: "t-1",
    clientId: "0b9c1e3d-0000-4000-8000-000000000001",
    getToken: async (options) => {
      if (failWith) throw failWith;
      if (options?.forceRefresh) i++;
      return { token: tokens[Math.min(i, tokens.length - 1)]!, expiresOnTimestamp: EXPIRES + i } as { token: string };
    },
  };
  return c;
}

function client(cred: TokenCredential, options: Partial<Parameters<typeof createODataClient>[1]> = {}) {
  return createODataClient(apiV2_0, {
    tenantId: server.tenantId, environment: server.environment, baseUrl: server.origin, credential: cred,
    random: () => 0.5, sleep: async () => undefined, limiter, logger, ...options,
  });
}
const listCustomers = (c: ReturnType<typeof client>, filter = "secret-filter-value") =>
  c.company(server.companyId).customers.list({ filter: (f) => f.displayName.eq(filter) }).next();
const requestSpans = () => otel.spans().filter((s) => s.kind === SpanKind.CLIENT);
const tokenSpans = () => otel.spans().filter((s) => s.name === "bcts.token");

describe("a span per attempt, with HTTP semantic-convention attributes", () => {
  it("success: one CLIENT span, sanitized url.full, the client-request-id, traceparent on the wire, a child token span", async () => {
    await listCustomers(client(credential()));
    const [span, ...more] = requestSpans();
    expect(more).toEqual([]);
    expect(span!.name).toBe("GET");
    const a = span!.attributes;
    expect(a).toMatchObject({ "http.request.method": "GET", "server.address": "127.0.0.1", "http.response.status_code": 200, "bcts.attempt": 1, "bcts.throttled": false });
    expect(typeof a["bcts.queued"]).toBe("boolean");
    expect(a["url.full"]).toMatch(/\/companies\(5d115c9c-44e3-ea11-bb43-000d3a2feca1\)\/customers\?\$filter=REDACTED$/);
    expect(a["error.type"]).toBeUndefined();
    expect(a["http.request.resend_count"]).toBeUndefined();
    const sent = server.requests[0]!;
    expect(a["bcts.client_request_id"]).toBe(sent.headers["client-request-id"]);
    expect(sent.headers.traceparent).toBe(`00-${span!.spanContext().traceId}-${span!.spanContext().spanId}-01`);
    // The first token is fetched before the attempt takes its slot: same trace as the caller's, not a child of the attempt.
    const [token] = tokenSpans();
    expect(token!.attributes).toMatchObject({ "bcts.token.outcome": "success", "bcts.token.forced": false });

    const m = await otel.metrics();
    expect(counterValue(m.get("http.client.request.duration"), { "http.response.status_code": 200, "http.request.method": "GET" })).toBe(1);
    expect(counterValue(m.get("bcts.token.acquisitions"), { "bcts.token.outcome": "success" })).toBe(1);
    expect(counterValue(m.get("bcts.client.retries"))).toBe(0);
  });

  it("a second call with the cached token makes no token span", async () => {
    const c = client(credential());
    await listCustomers(c);
    await listCustomers(c);
    expect(requestSpans()).toHaveLength(2);
    expect(tokenSpans()).toHaveLength(1);
  });

  it("retry: 503, 504 then 200 → three spans (attempt 1..3, resend_count), error.type on the failed ones, retries counted", async () => {
    server.faults.push({ status: 503 }, { status: 504 });
    await listCustomers(client(credential()));
    const spans = requestSpans();
    expect(spans.map((s) => [s.attributes["bcts.attempt"], s.attributes["http.request.resend_count"], s.attributes["http.response.status_code"], s.attributes["error.type"]])).toEqual([
      [1, undefined, 503, "503"], [2, 1, 504, "504"], [3, 2, 200, undefined],
    ]);
    expect(spans[0]!.status.code).toBe(SpanStatusCode.ERROR);
    expect(new Set(spans.map((s) => s.attributes["bcts.client_request_id"])).size).toBe(1);
    const m = await otel.metrics();
    expect(counterValue(m.get("bcts.client.retries"))).toBe(2);
    expect(counterValue(m.get("bcts.client.retries"), { "bcts.throttled": true })).toBe(1); // 503 is throttling
    expect(counterValue(m.get("http.client.request.duration"))).toBe(3);
    expect(lines.some((l) => l.startsWith("info bcts: retrying GET"))).toBe(true);
  });

  it("throttling: 429 with Retry-After → bcts.throttled on the span, the 429 counted, a warning logged, the retry succeeds", async () => {
    server.faults.push({ status: 429, headers: { "Retry-After": "7", "x-ms-correlation-id": "8c5b4c4e-1d2a-4a6b-9a55-1f0b6b2f7c11" } });
    await listCustomers(client(credential()));
    const [throttled, ok] = requestSpans();
    expect(throttled!.attributes).toMatchObject({ "http.response.status_code": 429, "bcts.throttled": true, "error.type": "429", "bcts.correlation_id": "8c5b4c4e-1d2a-4a6b-9a55-1f0b6b2f7c11" });
    expect(ok!.attributes).toMatchObject({ "http.response.status_code": 200, "bcts.throttled": false, "bcts.attempt": 2 });
    const m = await otel.metrics();
    expect(counterValue(m.get("bcts.client.throttled"), { "http.response.status_code": 429 })).toBe(1);
    expect(counterValue(m.get("bcts.client.retries"), { "bcts.throttled": true })).toBe(1);
    expect(lines.find((l) => l.startsWith("warning bcts: throttled GET"))).toContain("Retry-After 7000 ms");
  });

  it("queued: with one slot, the second concurrent call waits → bcts.queued on its span, queue length and in-flight gauges from the limiter", async () => {
    server.delayInMs = 150;
    const c = client(credential(), { limits: { maxConcurrency: 1 } });
    const calls = [listCustomers(c), listCustomers(c), listCustomers(c)];
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    const during = await otel.metrics();
    expect(counterValue(during.get("bcts.client.requests.in_flight"))).toBe(1);
    expect(counterValue(during.get("bcts.client.queue.length"))).toBe(2);
    await Promise.all(calls);
    const spans = requestSpans();
    // The limiter may report a millisecond of waiting even for the first call; the two behind it surely waited.
    expect(spans.filter((s) => s.attributes["bcts.queued"] === true).length).toBeGreaterThanOrEqual(2);
    expect(spans.find((s) => s.attributes["bcts.queued"] === true)!.attributes["bcts.queue.wait_ms"]).toBeGreaterThan(0);
    expect(counterValue((await otel.metrics()).get("bcts.client.queue.wait"))).toBeGreaterThanOrEqual(2);
  });

  it("token refresh: BC answers 401, the forced refresh is a second token span (forced: true), one request span", async () => {
    await listCustomers(client(credential(["stale", "token-1"])));
    expect(tokenSpans().map((s) => s.attributes["bcts.token.forced"])).toEqual([false, true]);
    expect(requestSpans()).toHaveLength(1);
    // The forced refresh happens inside the attempt (after its 401): a child of the request span.
    expect(tokenSpans()[1]!.parentSpanContext?.spanId).toBe(requestSpans()[0]!.spanContext().spanId);
    expect(requestSpans()[0]!.attributes["http.response.status_code"]).toBe(200);
    const m = await otel.metrics();
    expect(counterValue(m.get("bcts.token.acquisitions"), { "bcts.token.forced": true })).toBe(1);
  });

  it("failure: the token provider throws → a failed token span with the error class and code, never the message; nothing is sent", async () => {
    const error = Object.assign(new Error("AADSTS7000215 secret s3cr3t-value is wrong"), { name: "AuthenticationConfigurationError", code: "invalid_client", status: 401, retryable: false });
    await expect(listCustomers(client(credential(["token-1"], error)))).rejects.toThrow();
    // The token is fetched before the attempt takes its slot (token prefetch), so no request span exists.
    expect(server.requests).toEqual([]);
    const [token] = tokenSpans();
    expect(token!.attributes).toMatchObject({ "bcts.token.outcome": "failure", "error.type": "AuthenticationConfigurationError", "bcts.token.error_code": "invalid_client", "http.response.status_code": 401 });
    expect(token!.status).toEqual({ code: SpanStatusCode.ERROR, message: "AuthenticationConfigurationError" });
    expect(requestSpans()).toEqual([]);
    expect(counterValue((await otel.metrics()).get("bcts.token.acquisitions"), { "bcts.token.outcome": "failure" })).toBe(1);
  });

  it("failure: the connection is refused → error.type is the error class on every attempt span", async () => {
    await server.close();
    await expect(listCustomers(client(credential(), { retry: { maxRetries: 1 } }))).rejects.toThrow();
    const spans = requestSpans();
    expect(spans.length).toBeGreaterThanOrEqual(1);
    for (const s of spans) {
      expect(s.attributes["http.response.status_code"]).toBeUndefined();
      expect(s.attributes["error.type"]).toMatch(/^\w+$/);
      expect(s.status.code).toBe(SpanStatusCode.ERROR);
    }
    expect(lines.some((l) => l.startsWith("warning bcts: GET") && l.includes("failed ("))).toBe(true);
    server = await startFakeBc(); // for afterEach
  });
});

describe("redaction: no token, secret or filter value in any span attribute, status, event, metric attribute or log line", () => {
  it("across success, retry, throttling, refresh and failure", async () => {
    const SECRET_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzZWNyZXQiOiJ0b2tlbiJ9.c2lnbmF0dXJlLXNlY3JldA";
    const FRESH_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJmcmVzaCI6InRva2VuIn0.ZnJlc2gtc2lnbmF0dXJl";
    server.tokens.add(FRESH_TOKEN);
    server.faults.push({ status: 429, headers: { "Retry-After": "1" } }, { status: 503 });
    await listCustomers(client(credential([SECRET_TOKEN, FRESH_TOKEN]), { logger: { ...logger } }), "filter-value-4711");
    const failure = Object.assign(new Error(`bad secret client-secret-XYZ token ${SECRET_TOKEN}`), { name: "AuthenticationConfigurationError", code: "invalid_client" });
    await listCustomers(client(credential(["x"], failure)), "filter-value-4711").catch(() => undefined);

    const spans = otel.spans();
    expect(spans.length).toBeGreaterThanOrEqual(6);
    const m = await otel.metrics();
    const seen = [
      ...lines,
      ...spans.map((s) => JSON.stringify({ name: s.name, attributes: s.attributes, status: s.status, events: s.events })),
      ...[...m.values()].map((metric) => JSON.stringify(metric.dataPoints.map((p) => p.attributes))),
    ].join("\n");
    expect(lines.length).toBeGreaterThan(3);
    for (const secret of [SECRET_TOKEN, FRESH_TOKEN, "client-secret-XYZ", "filter-value-4711", "Bearer"]) expect(seen).not.toContain(secret);
    // And the server did get the real token and filter: redaction is only in what we report.
    expect(server.requests.some((r) => r.headers.authorization === `Bearer ${FRESH_TOKEN}`)).toBe(true);
  });
});
