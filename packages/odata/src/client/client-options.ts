import type { Middleware } from "openapi-fetch";
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
  /** Retries on 429/503 (all methods) and 408/502/504/network errors (idempotent only); `false` disables. */
  readonly retry?: Partial<RetryOptions> | false;
  /** Concurrent requests per credential. Default 5 (BC's per-user limit). */
  readonly maxConcurrency?: number;
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
  readonly maxConcurrency: number;
  readonly timeoutInMs: number;
  readonly userAgent: string;
  readonly now: () => number;
  readonly random: () => number;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly createRequestId: () => string;
  readonly middleware: readonly Middleware[];
}
