import type { RouteDescriptor } from "../model/descriptors.js";
import { sleep } from "../pipeline/retry-policy.js";
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
  return {
    serviceRoot: serviceRoot(route, options),
    credential: options.credential,
    fetch: options.fetch ?? ((request, init) => globalThis.fetch(request, init)),
    retry:
      options.retry === false
        ? { maxRetries: 0, retryDelayInMs: 0, maxRetryDelayInMs: 0 }
        : { maxRetries: options.retry?.maxRetries ?? 3, retryDelayInMs: options.retry?.retryDelayInMs ?? 800, maxRetryDelayInMs: options.retry?.maxRetryDelayInMs ?? 60_000 },
    maxConcurrency: options.maxConcurrency ?? 5,
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
