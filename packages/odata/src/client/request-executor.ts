import createClient from "openapi-fetch";
import { ODataValueError } from "../errors/odata-value-error.js";
import { writeOutcomeOf } from "../errors/write-outcome.js";
import { closeAttemptRecord, openAttemptRecord } from "../pipeline/attempt-record.js";
import { earlierAttemptMayHaveApplied, failedResponseError, malformedResponseError, thrownError, type CallState } from "./call-failure.js";
import { readResponseBody, type ExpectedShape } from "./read-response-body.js";
import { UnknownWriteLedger } from "./unknown-write-ledger.js";
import { BareRequest } from "../pipeline/bare-request.js";
import { bearerTokenPolicy } from "../pipeline/bearer-token-policy.js";
import { bindCallContext, type CallContext } from "../pipeline/call-context.js";
import { composePipeline, type FetchLike, type Policy } from "../pipeline/policy.js";
import { redirectPolicy } from "../pipeline/redirect-policy.js";
import { retryPolicy } from "../pipeline/retry-policy.js";
import { attemptTimeoutPolicy, signalTransport } from "../pipeline/timeout-transport.js";
import { tokenPrefetch } from "../pipeline/token-prefetch.js";
import type { ResolvedClientOptions } from "./client-options.js";
import { withTelemetry } from "../telemetry/with-telemetry.js";
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
  readonly parse?: ((text: string) => unknown) | undefined;
  /** The shape a 2xx JSON body must have; anything else (or no body) is an `ODataResponseError`. */
  readonly expect?: ExpectedShape | undefined;
}

export interface HttpResult {
  readonly data: unknown;
  readonly info: ResponseInfo;
}

/**
 * Sends `HttpCall`s through openapi-fetch and the policy pipeline. Every failure is an `ODataRequestError`
 * subclass (error status → `ODataError`…, unusable 2xx body → `ODataResponseError`, transport →
 * `ODataNetworkError`/`ODataTimeoutError`) carrying the write's `outcome` (docs/errors-and-retries.md);
 * the caller's own abort reason and errors of the token provider pass unchanged.
 */
export interface RequestExecutor {
  readonly serviceRoot: string;
  /** Origin of the service root; nextLinks elsewhere are refused. */
  readonly origin: string;
  /** Requests at once for the identity (`limits.maxConcurrency`): what bulk writes run in parallel by default. */
  readonly maxConcurrency?: number;
  send(call: HttpCall, options: RequestOptions | undefined): Promise<HttpResult>;
}

type RawRequest = (
  method: string,
  url: string,
  init: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * Builds the pipeline (retry with the identity's limiter → per-attempt timeout → bearer token → fetch) that
 * openapi-fetch uses as its `fetch`; User-Agent, Accept and a fresh client-request-id go on every request.
 *
 * @example
 * const executor = createRequestExecutor(resolveClientOptions(apiV2_0, { tenantId, environment, credential }));
 * await executor.send({ method: "GET", url: `${executor.serviceRoot}/companies` }, undefined);
 */
export function createRequestExecutor(options: ResolvedClientOptions): RequestExecutor {
  const telemetry = withTelemetry(options); // logs, spans, metrics: onEvent and credential instrumented (docs/operations.md)
  options = telemetry.options;
  // The limiter sits in the retry loop (a slot per attempt, held until the body is finished); the
  // timeout wraps token acquisition and the send (docs/throttling.md).
  const policies: Policy[] = [
    retryPolicy(options.retry, options, {
      limiter: options.limiter,
      identity: options.identity,
      limits: options.limits,
      onEvent: options.onEvent,
      prepare: options.credential === undefined ? undefined : tokenPrefetch(options.credential, options.timeoutInMs),
    }),
    telemetry.policy, // one span per attempt, once the limiter admitted it
    attemptTimeoutPolicy(options.timeoutInMs),
  ];
  if (options.credential !== undefined) policies.push(bearerTokenPolicy(options.credential));
  policies.push(redirectPolicy()); // innermost: redirects are decided here, never by fetch (docs/security.md)
  const fetch: FetchLike = composePipeline(policies, signalTransport(options.fetch));
  // Stamped as openapi-fetch's base headers rather than in a middleware: measured 8 µs cheaper per request.
  const client = createClient<Record<string, never>>({ baseUrl: "", fetch, redirect: "manual", headers: { "User-Agent": options.userAgent, Accept: "application/json" } });
  if (options.middleware.length > 0) client.use(...options.middleware);
  const request = client.request as unknown as RawRequest;
  const bare = options.middleware.length === 0;
  const unknownWrites = new UnknownWriteLedger();

  return {
    serviceRoot: options.serviceRoot,
    origin: new URL(options.serviceRoot).origin,
    maxConcurrency: options.limits.maxConcurrency,
    async send(call, requestOptions) {
      const headers: Record<string, string> = { ...call.headers, ...requestOptions?.headers, "client-request-id": requestOptions?.headers?.["client-request-id"] ?? options.createRequestId() };
      if (requestOptions?.timeoutInMs !== undefined) headers["x-bcts-timeout"] = String(requestOptions.timeoutInMs);
      const clientRequestId = headers["client-request-id"]!;
      const record = openAttemptRecord(clientRequestId, options.now());
      // A retry by the caller of a PATCH/DELETE whose answer was lost: judged like a retry inside this call.
      const ifMatch = headers["If-Match"];
      const tracked = call.method === "PATCH" || call.method === "DELETE";
      const earlierCallUnknown = tracked && unknownWrites.has(call.method, call.url, ifMatch);
      const state = (): CallState => ({ method: call.method, url: call.url, clientRequestId, record, now: options.now(), abortSignal: requestOptions?.abortSignal, earlierCallUnknown });
      let response: Response | undefined;
      // The caller's onResponse runs inside the try: what it throws goes back to the caller as it is.
      const notify = (info: ResponseInfo) => {
        try {
          requestOptions?.onResponse?.(info);
        } catch (error) {
          throw new CallbackFailure(error);
        }
      };
      // A body read here (not a stream handed to the caller) keeps its limiter slot until the `finally`.
      const context: CallContext | undefined = call.parseAs === "stream" ? undefined : { release: undefined, abortable: requestOptions?.abortSignal !== undefined };
      try {
        let error: unknown;
        ({ error, response } = await request(call.method, call.url, {
          headers,
          body: call.body,
          bodySerializer: (body: unknown) => body,
          parseAs: "stream",
          signal: requestOptions?.abortSignal,
          // No body and no middleware of the user's to show it to: the pipeline's own light request.
          ...(bare && call.body === undefined ? { Request: BareRequest } : {}),
          ...(context === undefined ? {} : { fetch: (r: Request) => (bindCallContext(r, context), fetch(r)) }),
        }));
        if (!response.ok) {
          notify({ method: call.method, url: call.url, status: response.status, headers: response.headers, nextLink: undefined, clientRequestId });
          // A DELETE whose earlier attempt lost its answer finds the row gone: that attempt deleted it.
          if (call.method === "DELETE" && response.status === 404 && earlierAttemptMayHaveApplied(state())) {
            unknownWrites.forget(call.method, call.url, ifMatch);
            return { data: undefined, info: { method: call.method, url: call.url, status: response.status, headers: response.headers, nextLink: undefined, clientRequestId } };
          }
          throw failedResponseError(state(), response, error);
        }
        const read = await readResponseBody(response, call);
        if (!read.ok) throw malformedResponseError(state(), response, read.malformed);
        const data = read.data;
        const nextLink = data !== null && typeof data === "object" ? ((data as Record<string, unknown>)["@odata.nextLink"] as string | undefined) : undefined;
        const info: ResponseInfo = { method: call.method, url: call.url, status: response.status, headers: response.headers, nextLink, clientRequestId };
        notify(info);
        if (earlierCallUnknown) unknownWrites.forget(call.method, call.url, ifMatch);
        return { data, info };
      } catch (error) {
        if (error instanceof CallbackFailure) throw error.error;
        if (error instanceof ODataValueError) throw error;
        const failure = thrownError(state(), error, response?.status);
        if (tracked && writeOutcomeOf(failure) === "unknown") unknownWrites.note(call.method, call.url, ifMatch);
        throw failure;
      } finally {
        context?.release?.();
        closeAttemptRecord(clientRequestId);
      }
    },
  };
}

/** Carries an error thrown by the caller's `onResponse` past the executor's classification. */
class CallbackFailure {
  constructor(readonly error: unknown) {}
}
