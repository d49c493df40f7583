import type { request as httpsRequest, RequestOptions } from "node:https";
import type { NetworkRequestOptions } from "@azure/msal-node";

/** One HTTP answer as read off the wire: header names lower-cased, repeated headers joined with ", ". */
export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
}

export interface RawRequestSettings {
  /** Connect to last byte; on expiry the request is destroyed with a RawRequestTimeoutError. */
  readonly timeoutInMs: number;
  /** node:https `request`, or node:http's for plain-HTTP endpoints (IMDS). */
  readonly send: typeof httpsRequest;
  /** Extra options for `send`, e.g. a secureContext or a proxy agent. */
  readonly extra?: RequestOptions;
}

/** Thrown (rejected) when `timeoutInMs` passes before the last byte; callers tell it from network errors. */
export class RawRequestTimeoutError extends Error {}

/**
 * One attempt of an MSAL network-module request: `sendRawRequest("POST", "https://login…/token", { body, headers }, …)`
 * sends the body with a content-length and resolves with the status, headers and text of any answer, 4xx/5xx included.
 * Retrying and reading the answer are the callers' own: the two network clients differ there.
 */
export function sendRawRequest(method: "GET" | "POST", url: string, options: NetworkRequestOptions | undefined, settings: RawRequestSettings): Promise<RawResponse> {
  const body = method === "POST" ? options?.body ?? "" : undefined;
  const headers: Record<string, string> = { ...options?.headers };
  if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
  return new Promise<RawResponse>((resolve, reject) => {
    const req = settings.send(url, { method, headers, ...settings.extra }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        clearTimeout(timer);
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
        resolve({ status: res.statusCode ?? 0, headers: out, text: Buffer.concat(chunks).toString("utf8") });
      });
      res.on("error", (e) => (clearTimeout(timer), reject(e)));
    });
    const timer = setTimeout(() => req.destroy(new RawRequestTimeoutError()), settings.timeoutInMs);
    req.on("error", (e) => (clearTimeout(timer), reject(e)));
    req.end(body);
  });
}
