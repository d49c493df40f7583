import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { context, metrics, propagation, SpanKind, trace } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { createODataClient, InProcessLimiter, type TokenCredential } from "../src/index.js";
import { apiV2_0 } from "./fixtures/api-model.js";
import { startFakeBc, type FakeBc } from "./support/fake-bc.js";

// A client built before the application registers its OpenTelemetry SDK, with no logger: its attempts
// skip the telemetry policy while nothing would record them, and must be traced once an SDK is there.
let server: FakeBc;
beforeAll(async () => {
  trace.disable();
  context.disable();
  propagation.disable();
  metrics.disable();
  server = await startFakeBc();
});
afterAll(async () => {
  trace.disable();
  await server.close();
});

const credential: TokenCredential = { getToken: async () => ({ token: "token-1", expiresOnTimestamp: Date.now() + 3_600_000 }) };

describe("telemetry without an SDK", () => {
  it("an SDK registered after the client was built gets the client's next attempts as spans", async () => {
    const client = createODataClient(apiV2_0, { tenantId: server.tenantId, environment: server.environment, baseUrl: server.origin, credential, limiter: new InProcessLimiter() });
    const customers = client.company(server.companyId).customers;
    await customers.list().next();

    const exporter = new InMemorySpanExporter();
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    await customers.list().next();
    const spans = exporter.getFinishedSpans().filter((s) => s.kind === SpanKind.CLIENT);
    expect(spans).toHaveLength(1);
    expect(spans[0]!.name).toBe("GET");
    expect(spans[0]!.attributes["http.request.method"]).toBe("GET");
  });
});
