import { request } from "node:https";
import type { FakeEntra } from "../src/entra/index.js";

export interface HttpAnswer { status: number; headers: Record<string, string | string[] | undefined>; text: string; json: any }

/** A plain HTTPS call that trusts only the fake's CA — what any OAuth client would do. */
export function call(entra: FakeEntra, method: string, path: string, form?: Record<string, string>, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  const body = form ? new URLSearchParams(form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = request(`${entra.origin}${path}`, {
      method, ca: entra.caPem,
      headers: { ...(body !== undefined ? { "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(body)) } : {}), ...headers },
    }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (c: string) => (text += c)).on("end", () => {
        let json: unknown;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

export const tokenPath = (tenant: string) => `/${tenant}/oauth2/v2.0/token`;
