import { context, SpanKind, SpanStatusCode, type Attributes, type Tracer } from "@opentelemetry/api";
import type { BctsLogger } from "../logging/bcts-logger.js";
import { writeLog } from "../logging/log-record.js";
import type { TokenCredential } from "../pipeline/token-credential.js";
import type { BctsMetrics } from "./bcts-metrics.js";

/** What the last token looked like, per credential — to tell a fresh token from a cache hit. Kept in memory only. */
const lastSeen = new WeakMap<object, { readonly token: string; readonly expiresOnTimestamp: unknown }>();

export interface TokenTelemetry {
  readonly tracer: Tracer;
  readonly metrics: BctsMetrics;
  readonly identity: string;
  readonly logger: BctsLogger | undefined;
  /**
   * True while nothing would record (see `pipelineTelemetry`): the credential is then called as it is.
   * The first token after an SDK appears counts as fresh, even if it came from the provider's cache.
   */
  readonly idle?: () => boolean;
}

/**
 * Wraps a credential so that every token that came from the authority (not from the provider's cache),
 * and every failure, becomes a `bcts.token` span (child of the request span) and metrics. Spans carry
 * the identity, whether the refresh was forced (after a 401) and, on failure, the error's class, code
 * and HTTP status — never the token, and never the error message.
 *
 * @example
 * bearerTokenPolicy(instrumentCredential(credential, { tracer, metrics, identity, logger }))
 */
export function instrumentCredential(credential: TokenCredential, telemetry: TokenTelemetry): TokenCredential {
  return {
    async getToken(options) {
      if (telemetry.idle?.() === true) return credential.getToken(options);
      const startedAt = Date.now();
      const started = performance.now();
      const forced = options?.forceRefresh === true;
      const base: Attributes = { "bcts.identity": telemetry.identity, "bcts.token.forced": forced };
      const record = (outcome: "success" | "failure", extra: Attributes) => {
        const attributes = { ...base, "bcts.token.outcome": outcome };
        telemetry.metrics.tokenAcquisitions.add(1, attributes);
        telemetry.metrics.tokenDuration.record((performance.now() - started) / 1000, attributes);
        const span = telemetry.tracer.startSpan("bcts.token", { kind: SpanKind.INTERNAL, startTime: new Date(startedAt), attributes: { ...attributes, ...extra } }, context.active());
        if (outcome === "failure") span.setStatus({ code: SpanStatusCode.ERROR, message: String(extra["error.type"]) });
        span.end();
      };
      let result: Awaited<ReturnType<TokenCredential["getToken"]>>;
      try {
        result = await credential.getToken(options);
      } catch (error) {
        const e = error as { name?: unknown; code?: unknown; status?: unknown } | null;
        const errorType = typeof e?.name === "string" ? e.name : "Error";
        const code = typeof e?.code === "string" && /^[\w.-]{1,64}$/.test(e.code) ? e.code : undefined;
        const status = typeof e?.status === "number" ? e.status : undefined;
        record("failure", { "error.type": errorType, ...(code ? { "bcts.token.error_code": code } : {}), ...(status !== undefined ? { "http.response.status_code": status } : {}) });
        writeLog(telemetry.logger, {
          level: "warning", message: `bcts: token request failed (${errorType}${code ? ` ${code}` : ""}${status !== undefined ? `, HTTP ${status}` : ""})`,
          fields: { event: "transport-error", method: "TOKEN", url: "", identity: telemetry.identity, errorType, ...(status !== undefined ? { status } : {}) },
        });
        throw error;
      }
      const expiresOnTimestamp = (result as { expiresOnTimestamp?: unknown }).expiresOnTimestamp;
      const last = lastSeen.get(credential);
      if (forced || last === undefined || last.token !== result.token || last.expiresOnTimestamp !== expiresOnTimestamp) {
        lastSeen.set(credential, { token: result.token, expiresOnTimestamp });
        // A forced call that returned the cached token (the provider rate-limits forced refreshes) is still recorded: it was asked for.
        record("success", typeof expiresOnTimestamp === "number" ? { "bcts.token.expires_on": new Date(expiresOnTimestamp).toISOString() } : {});
      }
      return result;
    },
  };
}
