import type { Attributes, Counter, Histogram, Meter, MeterProvider } from "@opentelemetry/api";
import { createNoopMeter, metrics } from "@opentelemetry/api";
import type { RequestLimiter } from "../limits/request-limiter.js";

export const INSTRUMENTATION_NAME = "@bcts/odata";
export const INSTRUMENTATION_VERSION = "0.1.0";

/**
 * The instruments bcts records (names in docs/operations.md):
 *
 * | instrument | kind | unit | attributes |
 * |---|---|---|---|
 * | `http.client.request.duration` | histogram | s | http.request.method, server.address, http.response.status_code, error.type, bcts.identity |
 * | `bcts.client.throttled` | counter | {response} | bcts.identity, http.response.status_code (429/503) |
 * | `bcts.client.retries` | counter | {retry} | bcts.identity, bcts.throttled |
 * | `bcts.client.gave_up` | counter | {call} | bcts.identity, bcts.throttled |
 * | `bcts.client.queue.wait` | histogram | s | bcts.identity |
 * | `bcts.client.writes.unanswered` | counter | {attempt} | bcts.identity, http.request.method, error.type — writes whose answer was lost or came from a gateway (outcome unknown) |
 * | `bcts.client.requests.in_flight` | observable gauge | {request} | bcts.identity (from the limiter) |
 * | `bcts.client.queue.length` | observable gauge | {request} | bcts.identity (from the limiter) |
 * | `bcts.token.acquisitions` | counter | {token} | bcts.identity, bcts.token.outcome (success/failure), bcts.token.forced |
 * | `bcts.token.duration` | histogram | s | bcts.identity, bcts.token.outcome |
 */
export interface BctsMetrics {
  /** False when the meter is the API's no-op one (no SDK registered when the client was built): nothing is recorded. */
  readonly recording: boolean;
  readonly requestDuration: Histogram;
  readonly throttled: Counter;
  readonly retries: Counter;
  readonly gaveUp: Counter;
  readonly queueWait: Histogram;
  readonly writesUnanswered: Counter;
  readonly tokenAcquisitions: Counter;
  readonly tokenDuration: Histogram;
  /** Reports the limiter's in-flight and queue figures for `identity` at each collection (once per identity and limiter). */
  observeLimiter(limiter: RequestLimiter, identity: string): void;
}

const byMeter = new WeakMap<Meter, BctsMetrics>();

/** The instruments on `meterProvider` (default: the global one; a no-op until the application registers an SDK). */
export function bctsMetrics(meterProvider: MeterProvider = metrics.getMeterProvider()): BctsMetrics {
  const meter = meterProvider.getMeter(INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION);
  let m = byMeter.get(meter);
  if (m === undefined) byMeter.set(meter, (m = create(meter)));
  return m;
}

function create(meter: Meter): BctsMetrics {
  const observed = new Map<string, { limiter: RequestLimiter; identity: string }>();
  const limiterIds = new WeakMap<RequestLimiter, number>();
  let nextLimiterId = 0;
  const inFlight = meter.createObservableGauge("bcts.client.requests.in_flight", { description: "Requests of the identity holding a concurrency slot.", unit: "{request}" });
  const queueLength = meter.createObservableGauge("bcts.client.queue.length", { description: "Requests of the identity waiting for a slot, the sliding window or a pause.", unit: "{request}" });
  meter.addBatchObservableCallback(async (result) => {
    await Promise.all([...observed.values()].map(async ({ limiter, identity }) => {
      const snapshot = await limiter.snapshot(identity).catch(() => undefined);
      if (snapshot === undefined) return;
      const attributes: Attributes = { "bcts.identity": identity };
      result.observe(inFlight, snapshot.inFlight, attributes);
      result.observe(queueLength, snapshot.queued, attributes);
    }));
  }, [inFlight, queueLength]);
  return {
    // The API hands out one shared no-op meter; anything else may record.
    recording: meter !== createNoopMeter(),
    requestDuration: meter.createHistogram("http.client.request.duration", {
      description: "Duration of HTTP client requests (one per attempt).", unit: "s",
      advice: { explicitBucketBoundaries: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60] },
    }),
    throttled: meter.createCounter("bcts.client.throttled", { description: "429/503 answers from Business Central.", unit: "{response}" }),
    retries: meter.createCounter("bcts.client.retries", { description: "Attempts that will be sent again.", unit: "{retry}" }),
    gaveUp: meter.createCounter("bcts.client.gave_up", { description: "Calls that stopped retrying and returned a failure.", unit: "{call}" }),
    queueWait: meter.createHistogram("bcts.client.queue.wait", { description: "Time a request waited for its identity's slot, window or pause.", unit: "s" }),
    writesUnanswered: meter.createCounter("bcts.client.writes.unanswered", {
      description: "Write attempts (POST/PATCH/PUT/DELETE) that ended without Business Central's answer (transport error, 502/504): their outcome is unknown.", unit: "{attempt}",
    }),
    tokenAcquisitions: meter.createCounter("bcts.token.acquisitions", { description: "Token requests that went to the authority (cache hits are not counted).", unit: "{token}" }),
    tokenDuration: meter.createHistogram("bcts.token.duration", { description: "Duration of token requests that went to the authority.", unit: "s" }),
    observeLimiter(limiter, identity) {
      let id = limiterIds.get(limiter);
      if (id === undefined) limiterIds.set(limiter, (id = ++nextLimiterId));
      observed.set(`${id}|${identity}`, { limiter, identity });
    },
  };
}
