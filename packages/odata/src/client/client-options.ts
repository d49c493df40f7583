import type { Middleware } from "openapi-fetch";
import type { IdentityLimits, RequestLimiter } from "../limits/request-limiter.js";
import type { PipelineEventListener } from "../pipeline/pipeline-event.js";
import type { BctsLogger } from "../logging/bcts-logger.js";
import type { Transport } from "../pipeline/timeout-transport.js";
import type { RetryOptions } from "../pipeline/retry-decision.js";
import type { TokenCredential } from "../pipeline/token-credential.js";

/**
 * Options of `createODataClient`. Where requests go:
 * - default: `https://api.businesscentral.dynamics.com/v2.0/{tenantId}/{environment}/{route.path}`
 * - `baseUrl` replaces the origin: `http://127.0.0.1:PORT/v2.0/{tenantId}/{environment}/{route.path}` (emulator)
 * - `serviceRootUrl` replaces everything: `https://server:7048/BC/api/v2.0` (on-premises)
 */
export interface ODataClientOptions {
  /** Any object with `getToken()` (e.g. @bcts/auth providers). Omit only for servers that need no token. */
  readonly credential?: TokenCredential;
  readonly tenantId?: string;
  /** Environment name, e.g. "production". Default "production". */
  readonly environment?: string;
  readonly baseUrl?: string;
  readonly serviceRootUrl?: string;
  /** Transport; default `globalThis.fetch`. Timeouts and aborts arrive as `init.signal`. */
  readonly fetch?: Transport;
  /**
   * Retries on 429/503 (all methods, until `deadlineInMs`, default 5 min) and 408/502/504/network errors
   * (idempotent only, `maxRetries`, default 3); `false` disables (a 429 still pauses the identity).
   */
  readonly retry?: Partial<RetryOptions> | false;
  /**
   * The limits of the identity (app registration in a tenant — see docs/throttling.md). Default BC online:
   * `{ maxConcurrency: 5, maxRequestsPerWindow: 6_000, windowInMs: 300_000 }`; on-premises servers have
   * their own settings (`ODataV4MaxConcurrentRequests`, …). Shared by every client of the identity; the last configured wins.
   */
  readonly limits?: Partial<IdentityLimits>;
  /** @deprecated Use `limits: { maxConcurrency }`. Concurrent requests per identity. */
  readonly maxConcurrency?: number;
  /**
   * Where the identity's slots, window and pauses live. Default: one in-process limiter shared by
   * every client in the process (`defaultRequestLimiter`) — or, when `sleep` is injected, one per `sleep`
   * function whose pauses wait through it; `RedisRequestLimiter` (@bcts/redis) shares them across processes.
   */
  readonly limiter?: RequestLimiter;
  /** Throttling, pause, queue and retry events (logging, metrics). See `PipelineEvent`. */
  readonly onEvent?: PipelineEventListener;
  /** Log lines of the pipeline (throttling, retries, attempts), redacted by construction — docs/operations.md. Same shape as @bcts/auth's `AuthLogger`. */
  readonly logger?: BctsLogger;
  /**
   * Per attempt; 0 (default) sets none — BC ends requests itself (408 after 8 min, 504 after 10 min) and
   * undici gives up after 300 s without headers or body data. Each call also takes `timeoutInMs` and `abortSignal`.
   */
  readonly timeoutInMs?: number;
  /** Prepended to the User-Agent header. */
  readonly userAgent?: string;
  /**
   * openapi-fetch middleware, run once per call, before the policies (retries do not re-run it)
   * (e.g. logging, extra headers): `{ onRequest({ request }) { request.headers.set("Accept-Language", "de-DE"); } }`.
   */
  readonly middleware?: readonly Middleware[];
  /** Injected clock/randomness/sleep (tests). */
  readonly now?: () => number;
  readonly random?: () => number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Source of `client-request-id` values. Default `crypto.randomUUID`. */
  readonly createRequestId?: () => string;
}

/** Options after defaults are applied — resolved once in `resolveClientOptions`, never defaulted downstream. */
export interface ResolvedClientOptions {
  readonly serviceRoot: string;
  readonly credential: TokenCredential | undefined;
  readonly fetch: Transport;
  readonly retry: RetryOptions;
  /** @deprecated Use `limits.maxConcurrency`. */
  readonly maxConcurrency: number;
  readonly limits: IdentityLimits;
  readonly limiter: RequestLimiter;
  /** Limiter key of the credential: `identityOf(credential, serviceRoot)`. */
  readonly identity: string;
  readonly onEvent: PipelineEventListener | undefined;
  readonly logger: BctsLogger | undefined;
  readonly timeoutInMs: number;
  readonly userAgent: string;
  readonly now: () => number;
  readonly random: () => number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly createRequestId: () => string;
  readonly middleware: readonly Middleware[];
}
