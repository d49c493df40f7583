import type { RequestLimiter } from "../limits/request-limiter.js";
import type { BctsLogger } from "../logging/bcts-logger.js";
import type { PipelineEventListener } from "../pipeline/pipeline-event.js";
import type { Policy } from "../pipeline/policy.js";
import type { TokenCredential } from "../pipeline/token-credential.js";
import { pipelineTelemetry } from "./telemetry-policy.js";

/** The part of the resolved client options telemetry reads and replaces. */
export interface TelemetryClientOptions {
  readonly identity: string;
  readonly limiter: RequestLimiter;
  readonly logger?: BctsLogger | undefined;
  readonly onEvent: PipelineEventListener | undefined;
  readonly credential: TokenCredential | undefined;
}

/**
 * The request executor's one entry into telemetry: the same options with `onEvent` and `credential`
 * instrumented (logs, metrics, token spans), and the per-attempt span policy to place right inside the
 * retry loop. With no OpenTelemetry SDK and no logger, everything it adds is a no-op.
 *
 * @example
 * const telemetry = withTelemetry(options);
 * options = telemetry.options;
 * const policies = [retryPolicy(options.retry, options, { …, onEvent: options.onEvent }), telemetry.policy, …];
 */
export function withTelemetry<T extends TelemetryClientOptions>(options: T): { readonly options: T; readonly policy: Policy } {
  const telemetry = pipelineTelemetry({ identity: options.identity, limiter: options.limiter, logger: options.logger, onEvent: options.onEvent });
  return {
    options: { ...options, onEvent: telemetry.onEvent, credential: options.credential === undefined ? undefined : telemetry.instrumentCredential(options.credential) },
    policy: telemetry.policy,
  };
}
