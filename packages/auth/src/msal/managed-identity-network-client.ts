import { AsyncLocalStorage } from "node:async_hooks";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { AuthError, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from "@azure/msal-node";
import { TRANSPORT_ERROR_CODE, type TransportFailure } from "./https-network-client.js";
import { parseJsonObject } from "./parse-json-object.js";
import { RawRequestTimeoutError, sendRawRequest, type RawResponse } from "./send-raw-request.js";

export interface ManagedIdentityNetworkOptions {
  /** Per attempt. Default 10 000 ms (IMDS answers in milliseconds; a hang means no IMDS here). */
  readonly timeoutInMs?: number;
  /** Retries of network errors, 404/410 (IMDS updating), 429 and 5xx. Default 2. */
  readonly maxRetries?: number;
  /** First backoff; doubles per retry, ±20 % jitter. Default 500 ms. */
  readonly retryDelayInMs?: number;
}

const RETRY_STATUSES = new Set([404, 408, 410, 429]);

/**
 * msal-node keeps the managed-identity source it selects first — with that application's network
 * client — for the whole process. So the options travel with the call instead: each provider runs
 * its request inside `withManagedIdentityNetworkOptions`, and whichever client instance MSAL kept reads them.
 */
const scope = new AsyncLocalStorage<ManagedIdentityNetworkOptions>();

export function withManagedIdentityNetworkOptions<T>(options: ManagedIdentityNetworkOptions, run: () => Promise<T>): Promise<T> {
  return scope.run(options, run);
}

/**
 * msal-node's `networkClient` for managed identity: plain HTTP (IMDS, App Service, Azure Arc) and
 * HTTPS, bounded timeouts, retries here rather than in MSAL (`disableInternalRetries`, whose IMDS
 * backoff waits up to 70 s on 410). Failures become the transport errors `mapMsalError` understands.
 */
export class ManagedIdentityNetworkClient implements INetworkModule {
  constructor(private readonly defaults: ManagedIdentityNetworkOptions = {}) {}

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.#send("GET", url, options) as Promise<NetworkResponse<T>>;
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.#send("POST", url, options) as Promise<NetworkResponse<T>>;
  }

  async #send(method: "GET" | "POST", url: string, options: NetworkRequestOptions | undefined): Promise<NetworkResponse<unknown>> {
    const where = `${method} ${url.replace(/\?.*$/, "")}`;
    const settings = scope.getStore() ?? this.defaults;
    const timeoutInMs = settings.timeoutInMs ?? 10_000;
    const maxRetries = settings.maxRetries ?? 2;
    const delay = (attempt: number) => Math.round((settings.retryDelayInMs ?? 500) * 2 ** (attempt - 1) * (0.8 + 0.4 * Math.random()));
    for (let attempt = 1; ; attempt++) {
      const retriesLeft = attempt <= maxRetries;
      let raw: RawResponse;
      try {
        raw = await sendRawRequest(method, url, options, { timeoutInMs, send: url.startsWith("https:") ? httpsRequest : httpRequest });
      } catch (e) {
        if (retriesLeft) {
          await sleep(delay(attempt));
          continue;
        }
        const timeout = e instanceof RawRequestTimeoutError;
        throw transportError(`${timeout ? `timeout after ${timeoutInMs} ms` : `network error: ${(e as Error).message}`} (${where}, ${attempt} attempt${attempt > 1 ? "s" : ""}) — is a managed identity available on this host?`, { kind: timeout ? "timeout" : "network", attempts: attempt });
      }
      const body = parseJsonObject(raw.text);
      if ((raw.status >= 500 || RETRY_STATUSES.has(raw.status)) && retriesLeft) {
        // A short Retry-After (App Service sends one with 429) is honoured; a long one is not waited for here.
        const retryAfter = Number(raw.headers["retry-after"]);
        await sleep(Number.isFinite(retryAfter) && retryAfter >= 0 && retryAfter <= 5 ? retryAfter * 1000 : delay(attempt));
        continue;
      }
      if (raw.status >= 500 || raw.status === 429) {
        throw transportError(`HTTP ${raw.status} from ${where} after ${attempt} attempt${attempt > 1 ? "s" : ""}${describeBody(body)}`, { kind: "http", status: raw.status, attempts: attempt });
      }
      if (body === undefined) {
        throw transportError(`HTTP ${raw.status} with a non-JSON body (content-type ${raw.headers["content-type"] ?? "none"}) from ${where}`, { kind: "invalid_response", status: raw.status, attempts: attempt });
      }
      return { status: raw.status, headers: raw.headers, body };
    }
  }
}

function transportError(message: string, failure: TransportFailure): AuthError {
  return Object.assign(new AuthError(TRANSPORT_ERROR_CODE, "", message), { bctsTransport: failure });
}

/** Both error shapes: IMDS `{ error, error_description }`, App Service `{ statusCode, message }`. Bodies of errors carry no token. */
function describeBody(body: Record<string, unknown> | undefined): string {
  const text = typeof body?.error_description === "string" ? body.error_description : typeof body?.message === "string" ? body.message : undefined;
  return text ? `: ${text.slice(0, 200)}` : "";
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
