import { context, isSpanContextValid, propagation, ProxyTracerProvider, SpanKind, SpanStatusCode, trace, type Attributes, type MeterProvider, type TextMapSetter, type TracerProvider } from "@opentelemetry/api";
import type { RequestLimiter } from "../limits/request-limiter.js";
import type { BctsLogger } from "../logging/bcts-logger.js";
import { logRecordOfAttempt, logRecordOfEvent, writeLog } from "../logging/log-record.js";
import { attemptRecordOf } from "../pipeline/attempt-record.js";
import { emitPipelineEvent, type PipelineEvent, type PipelineEventListener } from "../pipeline/pipeline-event.js";
import type { Policy } from "../pipeline/policy.js";
import type { TokenCredential } from "../pipeline/token-credential.js";
import { bctsMetrics, INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION } from "./bcts-metrics.js";
import { sanitizeUrl } from "./sanitize-url.js";
import { instrumentCredential } from "./token-telemetry.js";

export interface PipelineTelemetryOptions {
  /** The limiter identity of the client (`identityOf(credential, serviceRoot)`). */
  readonly identity: string;
  /** Reported as in-flight and queue-length gauges. */
  readonly limiter?: RequestLimiter;
  readonly logger?: BctsLogger | undefined;
  /** The application's own event listener; called for every event, before telemetry records it. */
  readonly onEvent?: PipelineEventListener | undefined;
  /** Default: the global providers — no-ops until the application registers an OpenTelemetry SDK. */
  readonly tracerProvider?: TracerProvider;
  readonly meterProvider?: MeterProvider;
}

/** The three places telemetry joins the pipeline: a policy per attempt, the event listener, the credential. */
export interface PipelineTelemetry {
  /** Goes right inside the retry loop (after the limiter admitted the attempt): one CLIENT span per attempt. */
  readonly policy: Policy;
  /** Pass as the retry loop's `onEvent`: logs events, counts throttling/retries, remembers queue waits for the spans. */
  readonly onEvent: PipelineEventListener;
  /** Token acquisition spans and metrics (see `instrumentCredential`). */
  instrumentCredential(credential: TokenCredential): TokenCredential;
}

const headerSetter: TextMapSetter<Headers> = { set: (carrier, key, value) => carrier.set(key, value) };
const MAX_PENDING = 1_000;

/**
 * Logs, traces and metrics of the request pipeline, built on the pipeline's events (`PipelineEvent`) and
 * on each attempt. Per attempt a span named after the method (HTTP semantic conventions:
 * `http.request.method`, `url.full` via `sanitizeUrl`, `server.address`, `server.port`,
 * `http.response.status_code`, `error.type`, `http.request.resend_count`) plus `bcts.attempt`,
 * `bcts.client_request_id`, `bcts.correlation_id` (Business Central's, from the response), `bcts.throttled`,
 * `bcts.queued` / `bcts.queue.wait_ms`, `bcts.identity`; the W3C `traceparent` goes on the request
 * through the global propagator. With no OpenTelemetry SDK registered every call is a no-op.
 *
 * @example
 * const telemetry = pipelineTelemetry({ identity, limiter, logger, onEvent });
 * composePipeline([retryPolicy(retry, env, { limiter, identity, onEvent: telemetry.onEvent }), telemetry.policy, bearerTokenPolicy(telemetry.instrumentCredential(credential))], fetch);
 * // span "GET" { http.request.method: "GET", url.full: "https://…/companies(…)/customers?$filter=REDACTED", http.response.status_code: 200, bcts.attempt: 1, … }
 */
export function pipelineTelemetry(options: PipelineTelemetryOptions): PipelineTelemetry {
  const provider = options.tracerProvider ?? trace.getTracerProvider();
  const tracer = provider.getTracer(INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION);
  const metrics = bctsMetrics(options.meterProvider);
  const { identity, logger } = options;
  // Nothing to record: no logger, a no-op meter, and the global tracer provider without an SDK behind
  // it and no span to continue. Checked per attempt (an SDK may be registered after the client is
  // built); such an attempt skips the policy (measured ~8 µs of no-op spans, attributes and records).
  const silent = logger === undefined && !metrics.recording && provider instanceof ProxyTracerProvider;
  const idle = (): boolean =>
    silent && (provider as ProxyTracerProvider).getDelegateTracer(INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION) === undefined && trace.getSpan(context.active()) === undefined;
  if (options.limiter !== undefined) metrics.observeLimiter(options.limiter, identity);
  // "queued" is emitted just before the attempt enters the policy; keyed by client-request-id and attempt.
  const pendingQueued = new Map<string, { readonly waitedInMs: number; readonly probe: boolean }>();

  const onEvent: PipelineEventListener = (event: PipelineEvent) => {
    emitPipelineEvent(options.onEvent, event);
    if (logger !== undefined) writeLog(logger, logRecordOfEvent(event));
    const attributes: Attributes = { "bcts.identity": event.identity };
    switch (event.kind) {
      case "queued":
        metrics.queueWait.record(event.waitedInMs / 1000, attributes);
        if (event.clientRequestId !== undefined && !idle()) {
          if (pendingQueued.size >= MAX_PENDING) pendingQueued.delete(pendingQueued.keys().next().value!);
          pendingQueued.set(`${event.clientRequestId}|${event.attempt}`, { waitedInMs: event.waitedInMs, probe: event.probe });
        }
        return;
      case "throttled":
        metrics.throttled.add(1, { ...attributes, "http.response.status_code": event.status });
        return;
      case "retry":
        metrics.retries.add(1, { ...attributes, "bcts.throttled": event.throttled });
        return;
      case "gave-up":
        metrics.gaveUp.add(1, { ...attributes, "bcts.throttled": event.throttled });
        return;
      case "paused":
        return;
    }
  };

  const policy: Policy = async (request, next) => {
    if (idle()) return next(request);
    const clientRequestId = request.headers.get("client-request-id") ?? undefined;
    const attempt = (attemptRecordOf(request)?.attempts.length ?? 0) + 1;
    const key = `${clientRequestId}|${attempt}`;
    const queued = pendingQueued.get(key);
    pendingQueued.delete(key);
    const url = originOf(request.url);
    const common: Attributes = { "http.request.method": request.method, "server.address": url?.hostname ?? "", "bcts.identity": identity };
    const span = tracer.startSpan(request.method, { kind: SpanKind.CLIENT, attributes: common }, context.active());
    // Without an SDK the span is a no-op: skip building the attributes (sanitizeUrl parses the URL).
    if (span.isRecording()) {
      span.setAttributes({
        "url.full": sanitizeUrl(request.url), ...(url?.port ? { "server.port": Number(url.port) } : {}),
        "bcts.attempt": attempt, ...(attempt > 1 ? { "http.request.resend_count": attempt - 1 } : {}),
        ...(clientRequestId ? { "bcts.client_request_id": clientRequestId } : {}),
        "bcts.queued": queued !== undefined, ...(queued ? { "bcts.queue.wait_ms": queued.waitedInMs, "bcts.queue.probe": queued.probe } : {}),
      });
    }
    // No SDK and no parent: the span has no trace to join or propagate, and the context would carry
    // nothing — skip both (measured ~5 µs per request without an SDK).
    const traced = isSpanContextValid(span.spanContext());
    const spanContext = traced ? trace.setSpan(context.active(), span) : undefined;
    if (spanContext !== undefined) {
      try {
        propagation.inject(spanContext, request.headers, headerSetter);
      } catch {
        // Immutable headers (a caller-built Request): the request goes out without trace context.
      }
    }
    const started = performance.now();
    const finish = (status: number | undefined, errorType: string | undefined, correlationId?: string) => {
      const durationInMs = Math.round(performance.now() - started);
      const outcome: Attributes = { ...(status !== undefined ? { "http.response.status_code": status } : {}), ...(errorType ? { "error.type": errorType } : {}) };
      if (span.isRecording()) {
        span.setAttributes({ ...outcome, "bcts.throttled": status === 429 || status === 503, ...(correlationId ? { "bcts.correlation_id": correlationId } : {}) });
        if (errorType !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: errorType });
      }
      span.end();
      metrics.requestDuration.record(durationInMs / 1000, { ...common, ...outcome });
      if (request.method !== "GET" && (status === undefined || status === 502 || status === 504)) metrics.writesUnanswered.add(1, { ...common, "error.type": errorType ?? "_OTHER" });
      if (logger !== undefined) writeLog(logger, logRecordOfAttempt({ method: request.method, url: request.url, identity, attempt, clientRequestId, durationInMs, status, correlationId, ...(errorType && status === undefined ? { errorType } : {}) }));
    };
    let response: Response;
    try {
      response = await (spanContext === undefined ? next(request) : context.with(spanContext, () => next(request)));
    } catch (error) {
      finish(undefined, errorTypeOf(error));
      throw error;
    }
    // Read for the span and the log only: three header lookups are a visible part of a no-op attempt.
    const correlationId = span.isRecording() || logger !== undefined ? (response.headers.get("ms-correlation-x") ?? response.headers.get("x-ms-correlation-id") ?? response.headers.get("request-id") ?? undefined) : undefined;
    finish(response.status, response.status >= 400 ? String(response.status) : undefined, correlationId);
    return response;
  };

  return { policy, onEvent, instrumentCredential: (credential) => instrumentCredential(credential, { tracer, metrics, identity, logger, idle }) };
}

/** `error.type`: the error's class name (`ODataTimeoutError`, `TypeError`, `AbortError`), never its message. */
function errorTypeOf(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === "string" && /^[\w.-]{1,64}$/.test(name) ? name : "_OTHER";
}

/**
 * Host name and port of a request URL, parsed once per origin: a client talks to one service root,
 * and parsing every URL in full (query included) for two attributes cost more than the no-op span.
 */
function originOf(url: string): { readonly hostname: string; readonly port: string } | undefined {
  const end = url.indexOf("/", url.indexOf("//") + 2);
  const origin = end < 0 ? url : url.slice(0, end);
  let parsed = origins.get(origin);
  if (parsed === undefined && !origins.has(origin)) {
    parsed = URL.canParse(origin) ? new URL(origin) : undefined;
    if (origins.size >= MAX_ORIGINS) origins.clear();
    origins.set(origin, parsed);
  }
  return parsed;
}

const origins = new Map<string, URL | undefined>();
const MAX_ORIGINS = 100;
