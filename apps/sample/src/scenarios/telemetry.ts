import { context, metrics, propagation, trace, type TextMapPropagator } from "@opentelemetry/api";
import { BasicTracerProvider, ConsoleSpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { ConsoleMetricExporter, MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { createBusinessCentralClient } from "@bcts/client";
import { consoleLogger } from "@bcts/odata";
import { log } from "../log.js";
import type { Target } from "../target.js";

export interface TelemetryScenarioOptions {
  readonly companyId?: string | undefined;
}

// What NodeSDK registers as the default propagator (@opentelemetry/core's W3CTraceContextPropagator),
// reduced to inject: enough to put `traceparent` on bcts's outgoing requests in this demo.
const traceContext: TextMapPropagator = {
  inject(ctx, carrier, setter) {
    const span = trace.getSpanContext(ctx);
    if (span) setter.set(carrier, "traceparent", `00-${span.traceId}-${span.spanId}-0${span.traceFlags}`);
  },
  extract: (ctx) => ctx,
  fields: () => ["traceparent"],
};

/**
 * Spans, metrics and log lines of a few calls, printed by the OpenTelemetry console exporters: a list,
 * a throttled call (the emulator answers 429 once) and its retry, and the token acquisition.
 * In an application, register `NodeSDK` (or your vendor's distro) instead of these providers.
 */
export async function telemetryScenario(target: Target, options: TelemetryScenarioOptions = {}): Promise<void> {
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())] });
  const reader = new PeriodicExportingMetricReader({ exporter: new ConsoleMetricExporter(), exportIntervalMillis: 3_600_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
  propagation.setGlobalPropagator(traceContext);
  try {
    // bcts's log lines (same logger shape as @bcts/auth's): warnings for throttling, info for retries.
    const bc = createBusinessCentralClient({
      tenantId: target.tenantId, environment: target.environment, baseUrl: target.baseUrl, credential: target.credential,
      logger: consoleLogger({ level: "info" }),
    });
    log.step("Companies (one span, and a bcts.token span for the first token)");
    const companies = [];
    for await (const c of bc.companies.list({ select: ["id", "name"] })) companies.push(c);
    const company = companies.find((c) => c.id === options.companyId) ?? companies[0];
    if (!company) return;

    if (target.emulator) {
      target.emulator.bc.faults.add({ match: { path: "customers" }, action: { kind: "status", status: 429, retryAfterSeconds: 1 }, times: 1 });
      log.detail("the emulator answers the next customers request with 429 Retry-After: 1");
    }
    log.step(`Customers of ${company.name} (throttled once: two spans, bcts.throttled on the first)`);
    let n = 0;
    for await (const _ of bc.company(company.id).customers.list({ select: ["number", "displayName"], filter: (f) => f.displayName.ne(""), top: 3 })) n++;
    log.detail(`${n} customers`);

    log.step("Spans above (ConsoleSpanExporter); metrics below (ConsoleMetricExporter, exported at shutdown):");
  } finally {
    await Promise.allSettled([tracerProvider.shutdown(), meterProvider.shutdown()]);
    trace.disable();
    metrics.disable();
    propagation.disable();
    context.disable();
  }
}
