import type { RouteDescriptor } from "../model/descriptors.js";
import { defaultRequestLimiter, limiterForInjectedSleep } from "../limits/default-request-limiter.js";
import { identityOf } from "../limits/identity-of.js";
import { BUSINESS_CENTRAL_ONLINE_LIMITS } from "../limits/request-limiter.js";
import { sleep } from "../pipeline/retry-policy.js";
import { defaultTransport } from "../pipeline/transport.js";
import type { ODataClientOptions, ResolvedClientOptions } from "./client-options.js";

export const DEFAULT_BASE_URL = "https://api.businesscentral.dynamics.com";
const VERSION = "0.1.0";

/**
 * Applies every default once.
 *
 * @example
 * resolveClientOptions(apiV2_0, { tenantId: "contoso.onmicrosoft.com", environment: "sandbox" }).serviceRoot
 * // "https://api.businesscentral.dynamics.com/v2.0/contoso.onmicrosoft.com/sandbox/api/v2.0"
 */
export function resolveClientOptions(route: RouteDescriptor, options: ODataClientOptions): ResolvedClientOptions {
  const root = serviceRoot(route, options);
  const limits = { ...BUSINESS_CENTRAL_ONLINE_LIMITS, ...(options.maxConcurrency !== undefined ? { maxConcurrency: options.maxConcurrency } : {}), ...options.limits };
  for (const [name, value] of Object.entries(limits)) {
    if (!(Number.isInteger(value) && value >= 1)) throw new RangeError(`limits.${name} must be a positive integer, got ${value}.`);
  }
  return {
    serviceRoot: root,
    credential: options.credential,
    fetch: options.fetch ?? defaultTransport,
    retry:
      options.retry === false
        ? { maxRetries: 0, retryDelayInMs: 800, maxRetryDelayInMs: 60_000, deadlineInMs: 300_000 }
        : {
            maxRetries: options.retry?.maxRetries ?? 3,
            retryDelayInMs: options.retry?.retryDelayInMs ?? 800,
            maxRetryDelayInMs: options.retry?.maxRetryDelayInMs ?? 60_000,
            deadlineInMs: options.retry?.deadlineInMs ?? 300_000,
          },
    maxConcurrency: limits.maxConcurrency,
    limits,
    limiter: options.limiter ?? (options.sleep !== undefined ? limiterForInjectedSleep(options.sleep) : defaultRequestLimiter),
    identity: identityOf(options.credential, root),
    onEvent: options.onEvent,
    logger: options.logger,
    timeoutInMs: options.timeoutInMs ?? 0,
    userAgent: `${options.userAgent ? `${options.userAgent} ` : ""}bcts-odata/${VERSION}`,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? sleep,
    createRequestId: options.createRequestId ?? (() => crypto.randomUUID()),
    middleware: options.middleware ?? [],
  };
}

function serviceRoot(route: RouteDescriptor, options: ODataClientOptions): string {
  if (options.serviceRootUrl !== undefined) return trimSlashes(options.serviceRootUrl);
  if (options.tenantId === undefined || options.tenantId === "") {
    throw new TypeError("createODataClient needs tenantId (or serviceRootUrl for on-premises), e.g. { tenantId: \"contoso.onmicrosoft.com\", environment: \"production\", credential }.");
  }
  const base = trimSlashes(options.baseUrl ?? DEFAULT_BASE_URL);
  return `${base}/v2.0/${encodeURIComponent(options.tenantId)}/${encodeURIComponent(options.environment ?? "production")}/${trimSlashes(route.path)}`;
}

function trimSlashes(text: string): string {
  return text.replace(/^\/+|\/+$/g, "");
}
