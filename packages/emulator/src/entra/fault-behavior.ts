import type { IncomingMessage, ServerResponse } from "node:http";
/** What a test sees about a request when deciding on a fault. */
export interface FakeEntraRequestContext {
  readonly method: string;
  readonly path: string;
  /** The tenant segment of the path as sent (GUID or domain), if any. */
  readonly tenant: string | undefined;
  /** "token" | "openid-configuration" | "keys" | "authorize" | "devicecode" | "other". */
  readonly endpoint: string;
  readonly form: URLSearchParams;
  readonly grantType: string | undefined;
  /** 0-based index of this request among all requests the fake has received. */
  readonly index: number;
}

/**
 * A fault to inject. Return `undefined` from the behaviour hook to answer normally.
 * `delayInMs` alone delays the normal answer; `status`/`json`/`raw` replace it; `hang` never answers;
 * `destroy` resets the socket.
 *
 * @example
 * entra.setBehavior((req) => (req.endpoint === "token" ? { status: 503, json: { error: "temporarily_unavailable" }, headers: { "retry-after": "1" } } : undefined));
 */
export interface FakeEntraBehavior {
  readonly status?: number;
  readonly json?: unknown;
  readonly raw?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly delayInMs?: number;
  readonly hang?: boolean;
  readonly destroy?: boolean;
}

export type FakeEntraBehaviorHook = (request: FakeEntraRequestContext) => FakeEntraBehavior | undefined;

/** One request as the fake saw it. Credentials (secrets, assertions, codes, passwords) are replaced by "[redacted]". */
export interface FakeEntraRequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly form: Readonly<Record<string, string>>;
  readonly endpoint: string;
  readonly tenant: string | undefined;
  readonly grantType: string | undefined;
  /** The HTTP status answered, or "hang" / "destroy". */
  status: number | "hang" | "destroy" | undefined;
  /** The AADSTS code when the fake answered with an Entra error. */
  aadsts?: number;
  readonly at: number;
}

const SENSITIVE_FIELDS = new Set(["client_secret", "client_assertion", "code", "code_verifier", "refresh_token", "password", "device_code", "assertion"]);

export function redactForm(form: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form) out[k] = SENSITIVE_FIELDS.has(k) ? "[redacted]" : v;
  return out;
}

export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k] = k === "authorization" || k === "cookie" ? "[redacted]" : Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

/**
 * Carries out what a behavior hook asked for (delay, hang, dropped connection, canned answer) and
 * records it on the log entry. Resolves true when the request is answered (or deliberately not),
 * false when it should be handled normally. Shared by the token endpoints and the managed-identity listener.
 */
export async function applyBehavior(
  fault: FakeEntraBehavior | undefined,
  entry: { status: FakeEntraRequestLogEntry["status"] },
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  if (fault?.delayInMs) await new Promise((r) => setTimeout(r, fault.delayInMs));
  if (fault?.hang) return (entry.status = "hang"), true;
  if (fault?.destroy) return (entry.status = "destroy"), req.socket.destroy(), true;
  if (fault && (fault.status !== undefined || fault.json !== undefined || fault.raw !== undefined)) {
    entry.status = fault.status ?? 200;
    res.writeHead(entry.status, { "content-type": fault.raw !== undefined ? "text/html" : "application/json; charset=utf-8", ...fault.headers });
    res.end(fault.raw ?? JSON.stringify(fault.json ?? {}));
    return true;
  }
  return false;
}
