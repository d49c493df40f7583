import { request, type Agent } from "node:https";
import { createSecureContext, rootCertificates, type SecureContext } from "node:tls";
import { AuthError, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from "@azure/msal-node";
import { parseJsonObject } from "./parse-json-object.js";
import { RawRequestTimeoutError, sendRawRequest, type RawResponse } from "./send-raw-request.js";

export interface HttpsNetworkClientOptions {
  /** Extra trusted CA certificates (PEM), e.g. the emulator's test CA. Added to Node's defaults. */
  readonly ca?: string | readonly string[];
  /** Per attempt, connect to last byte. Default 10 000 ms (msal-node's own client has none on POST: ~300 s). */
  readonly timeoutInMs?: number;
  /** Retries of network errors, 5xx and 429. Default 2. */
  readonly maxRetries?: number;
  readonly retryDelayInMs?: number;
  /** A Retry-After longer than this is not waited for; the failure surfaces as transient instead. Default 5 000 ms. */
  readonly maxRetryAfterInMs?: number;
  /** e.g. a proxy agent. */
  readonly agent?: Agent;
}

/** Facts our error mapping reads from transport errors (MSAL passes AuthErrors from the network module through unchanged). */
export interface TransportFailure {
  readonly kind: "network" | "timeout" | "http" | "invalid_response";
  readonly status?: number;
  readonly error?: string;
  readonly aadsts?: number;
  readonly retryAfterInMs?: number;
  readonly attempts: number;
}

export const TRANSPORT_ERROR_CODE = "bcts_transport_error";

/**
 * msal-node's `system.networkClient` on node:https: bounded timeouts, extra CA, and retries *below*
 * MSAL — 5xx/429 never reach MSAL, so its throttle cache cannot replay a failure after the server
 * recovered (msal-node-notes §7). A failed discovery GET is remembered for error messages, because
 * MSAL reduces it to "endpoints_resolution_error".
 */
export class HttpsNetworkClient implements INetworkModule {
  lastDiscoveryFailure: { status: number; body: Record<string, unknown> | undefined } | undefined;
  /** The last 4xx answer to a POST; MSAL reduces device-code endpoint errors to the bare `error` string. */
  lastPostFailure: { status: number; body: Record<string, unknown> | undefined } | undefined;
  readonly #timeoutInMs: number;
  readonly #maxRetries: number;
  readonly #retryDelayInMs: number;
  readonly #maxRetryAfterInMs: number;
  /** Parsing the root store costs ~45 ms: built once per distinct CA set, shared by all clients. */
  readonly #secureContext: SecureContext | undefined;

  constructor(private readonly options: HttpsNetworkClientOptions = {}) {
    const extra = options.ca === undefined ? [] : typeof options.ca === "string" ? [options.ca] : [...options.ca];
    this.#secureContext = extra.length > 0 ? sharedSecureContext(extra) : undefined;
    this.#timeoutInMs = options.timeoutInMs ?? 10_000;
    this.#maxRetries = options.maxRetries ?? 2;
    this.#retryDelayInMs = options.retryDelayInMs ?? 300;
    this.#maxRetryAfterInMs = options.maxRetryAfterInMs ?? 5_000;
  }

  async sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    const response = await this.#send("GET", url, options);
    if (response.status >= 400) this.lastDiscoveryFailure = { status: response.status, body: response.body as Record<string, unknown> | undefined };
    return response as NetworkResponse<T>;
  }

  async sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    const response = await this.#send("POST", url, options);
    if (response.status >= 400) this.lastPostFailure = { status: response.status, body: response.body as Record<string, unknown> | undefined };
    return response as NetworkResponse<T>;
  }

  async #send(method: "GET" | "POST", url: string, options: NetworkRequestOptions | undefined): Promise<NetworkResponse<unknown>> {
    const correlationId = options?.correlationId ?? "";
    for (let attempt = 1; ; attempt++) {
      const retriesLeft = attempt <= this.#maxRetries;
      let raw: RawResponse;
      try {
        raw = await sendRawRequest(method, url, options, {
          timeoutInMs: this.#timeoutInMs,
          send: request,
          extra: { ...(this.#secureContext ? { secureContext: this.#secureContext } : {}), ...(this.options.agent ? { agent: this.options.agent } : {}) },
        });
      } catch (e) {
        const timeout = e instanceof RawRequestTimeoutError;
        if (retriesLeft) {
          await sleep(this.#delay(attempt));
          continue;
        }
        throw transportError(correlationId, `${timeout ? `timeout after ${this.#timeoutInMs} ms` : `network error: ${(e as Error).message}`} (${method} ${redactUrl(url)}, ${attempt} attempt${attempt > 1 ? "s" : ""})`, { kind: timeout ? "timeout" : "network", attempts: attempt });
      }
      const body = parseJsonObject(raw.text);
      const retryAfterInMs = parseRetryAfter(raw.headers["retry-after"]);
      if (raw.status === 429 || raw.status >= 500) {
        if (retriesLeft && (retryAfterInMs ?? 0) <= this.#maxRetryAfterInMs) {
          await sleep(retryAfterInMs ?? this.#delay(attempt));
          continue;
        }
        const error = typeof body?.error === "string" ? body.error : undefined;
        const aadsts = firstCode(body);
        throw transportError(correlationId, `HTTP ${raw.status}${error ? ` ${error}` : ""}${aadsts ? ` AADSTS${aadsts}` : ""} from ${redactUrl(url)} after ${attempt} attempt${attempt > 1 ? "s" : ""}`, {
          kind: "http", status: raw.status, ...(error ? { error } : {}), ...(aadsts ? { aadsts } : {}), ...(retryAfterInMs !== undefined ? { retryAfterInMs } : {}), attempts: attempt,
        });
      }
      if (body === undefined || (raw.status >= 400 && typeof body.error !== "string" && method === "POST")) {
        const what = body === undefined ? `a non-JSON body (content-type ${raw.headers["content-type"] ?? "none"})` : "JSON without an 'error' field";
        throw transportError(correlationId, `HTTP ${raw.status} with ${what} from ${redactUrl(url)}`, { kind: "invalid_response", status: raw.status, attempts: attempt });
      }
      // Retry-After on a 4xx would make MSAL throttle the next request; we decide about waiting ourselves.
      const { "retry-after": _ignored, ...headers } = raw.headers;
      return { status: raw.status, headers, body };
    }
  }

  #delay(attempt: number): number {
    return Math.round(this.#retryDelayInMs * 2 ** (attempt - 1) * (0.8 + 0.4 * Math.random()));
  }
}

function transportError(correlationId: string, message: string, failure: TransportFailure): AuthError {
  const error = new AuthError(TRANSPORT_ERROR_CODE, correlationId, message);
  return Object.assign(error, { bctsTransport: failure });
}

export function transportFailureOf(error: unknown): TransportFailure | undefined {
  return (error as { bctsTransport?: TransportFailure } | null)?.bctsTransport;
}

// Passing `ca` replaces Node's trust store; keep the public roots so one client serves real Entra too.
// (Certificates added through NODE_EXTRA_CA_CERTS are not kept when `ca` is set.)
function defaultCaList(): readonly string[] {
  return rootCertificates;
}

const secureContexts = new Map<string, SecureContext>();
function sharedSecureContext(extra: readonly string[]): SecureContext {
  const key = extra.join("\n");
  let context = secureContexts.get(key);
  if (!context) {
    if (secureContexts.size >= 16) secureContexts.delete(secureContexts.keys().next().value!);
    context = createSecureContext({ ca: [...defaultCaList(), ...extra] });
    secureContexts.set(key, context);
  }
  return context;
}

function firstCode(body: Record<string, unknown> | undefined): number | undefined {
  const codes = body?.error_codes;
  return Array.isArray(codes) && typeof codes[0] === "number" ? codes[0] : undefined;
}

function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

function redactUrl(url: string): string {
  return url.replace(/\?.*$/, "");
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
