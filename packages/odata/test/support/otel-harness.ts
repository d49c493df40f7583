// An OpenTelemetry SDK for tests: in-memory span and metric exporters registered as the global providers,
// an AsyncLocalStorage context manager and a W3C trace-context propagator (what NodeSDK registers in an
// application; written out here because @opentelemetry/core and context-async-hooks are not dependencies).
import { AsyncLocalStorage } from "node:async_hooks";
import { context, metrics, propagation, ROOT_CONTEXT, trace, type Context, type ContextManager, type TextMapPropagator } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader, type MetricData } from "@opentelemetry/sdk-metrics";

class AsyncLocalStorageContextManager implements ContextManager {
  readonly #storage = new AsyncLocalStorage<Context>();
  active(): Context {
    return this.#storage.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return this.#storage.run(ctx, () => fn.call(thisArg, ...args));
  }
  bind<T>(_ctx: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.#storage.disable();
    return this;
  }
}

const traceContext: TextMapPropagator = {
  inject(ctx, carrier, setter) {
    const span = trace.getSpanContext(ctx);
    if (span) setter.set(carrier, "traceparent", `00-${span.traceId}-${span.spanId}-0${span.traceFlags}`);
  },
  extract: (ctx) => ctx,
  fields: () => ["traceparent"],
};

export interface OtelHarness {
  readonly spanExporter: InMemorySpanExporter;
  spans(): ReadableSpan[];
  /** Collects now and returns every metric by name (cumulative since `resetMetrics`). */
  metrics(): Promise<Map<string, MetricData>>;
  /** A fresh MeterProvider (instruments are per meter), and no spans. Create clients after calling it. */
  reset(): void;
}

export function installOtel(): OtelHarness {
  const spanExporter = new InMemorySpanExporter();
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spanExporter)] }));
  context.setGlobalContextManager(new AsyncLocalStorageContextManager());
  propagation.setGlobalPropagator(traceContext);
  let metricExporter: InMemoryMetricExporter;
  let reader: PeriodicExportingMetricReader;
  const reset = () => {
    spanExporter.reset();
    metrics.disable();
    metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  };
  reset();
  return {
    spanExporter,
    spans: () => spanExporter.getFinishedSpans(),
    async metrics() {
      await reader.forceFlush();
      const all = metricExporter.getMetrics();
      const last = all[all.length - 1];
      const out = new Map<string, MetricData>();
      for (const scope of last?.scopeMetrics ?? []) for (const m of scope.metrics) out.set(m.descriptor.name, m);
      return out;
    },
    reset,
  };
}

/** Sum of a counter's data points whose attributes include `where`. */
export function counterValue(metric: MetricData | undefined, where: Record<string, unknown> = {}): number {
  if (!metric) return 0;
  return (metric.dataPoints as { attributes: Record<string, unknown>; value: unknown }[])
    .filter((p) => Object.entries(where).every(([k, v]) => p.attributes[k] === v))
    .reduce((sum, p) => sum + (typeof p.value === "number" ? p.value : (p.value as { count: number }).count), 0);
}
