import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { FakeEntraBehaviorHook, FakeEntraRequestLogEntry } from "./fault-behavior.js";
import { applyBehavior, redactHeaders } from "./fault-behavior.js";
import {
  APP_SERVICE_TOKEN_PATH,
  handleManagedIdentityRequest,
  IMDS_TOKEN_PATH,
  type ManagedIdentityInput,
  type ManagedIdentityState,
  type ManagedIdentityStyle,
} from "./managed-identity-endpoint.js";

/** Which identities the fake host has, for `startFakeEntra({ managedIdentity })`. */
export interface FakeManagedIdentityOptions {
  /** The host's system-assigned identity; omit for a host without one. */
  readonly systemAssigned?: ManagedIdentityInput;
  readonly userAssigned?: readonly ManagedIdentityInput[];
  /** The App Service secret (IDENTITY_HEADER). Default: random per start. */
  readonly identityHeader?: string;
}

/**
 * The managed-identity endpoints of a fake Azure host, on plain HTTP like the real ones
 * (IMDS is http://169.254.169.254, App Service's IDENTITY_ENDPOINT is http://localhost:…).
 */
export interface FakeManagedIdentityEndpoints {
  /** `http://127.0.0.1:PORT` — the value for AZURE_POD_IDENTITY_AUTHORITY_HOST (msal-node appends the IMDS path). */
  readonly imdsHost: string;
  /** `http://127.0.0.1:PORT/msi/token` — the value for IDENTITY_ENDPOINT. */
  readonly appServiceEndpoint: string;
  /** The value for IDENTITY_HEADER. A secret on a real host: never log it. */
  readonly identityHeader: string;
  /**
   * Environment variables that make msal-node use this endpoint style instead of the real host's
   * (never 169.254.169.254). Set them for a child process, or in a test file's process before the first token request.
   *
   * @example
   * emu.entra.managedIdentity!.environment("app-service") // { IDENTITY_ENDPOINT: "http://127.0.0.1:PORT/msi/token", IDENTITY_HEADER: "…" }
   */
  environment(style: ManagedIdentityStyle): Readonly<Record<string, string>>;
  close(): Promise<void>;
}

export interface ManagedIdentityListenerContext {
  readonly options: FakeManagedIdentityOptions;
  readonly state: () => Omit<ManagedIdentityState, "systemAssigned" | "userAssigned" | "identityHeader">;
  readonly requests: FakeEntraRequestLogEntry[];
  readonly behavior: () => FakeEntraBehaviorHook | undefined;
  readonly nextIndex: () => number;
  readonly host: string;
}

/** Starts the plain-HTTP listener; requests land in the fake's request log with endpoint "managed-identity-imds" / "managed-identity-app-service". */
export async function startManagedIdentityListener(ctx: ManagedIdentityListenerContext): Promise<FakeManagedIdentityEndpoints> {
  const identityHeader = ctx.options.identityHeader ?? randomBytes(18).toString("base64url");
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => void handle(req, res).catch(() => res.headersSent || write(res, 500, { error: "server_error" })));
  server.on("connection", (s: Socket) => (sockets.add(s), s.on("close", () => sockets.delete(s))));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for await (const _ of req as AsyncIterable<Buffer>) void _; // drain
    const url = new URL(req.url ?? "/", "http://localhost");
    // msal-node normalises the IMDS URL with a trailing slash; the real endpoints accept both.
    const path = url.pathname.replace(/(.)\/$/, "$1");
    const style: ManagedIdentityStyle | undefined = path === IMDS_TOKEN_PATH ? "imds" : path === APP_SERVICE_TOKEN_PATH ? "app-service" : undefined;
    const endpoint = style ? `managed-identity-${style}` : "other";
    const entry: FakeEntraRequestLogEntry = {
      method: req.method ?? "GET", path, query: Object.fromEntries(url.searchParams), headers: redactMiHeaders(req.headers),
      form: {}, endpoint, tenant: undefined, grantType: undefined, status: undefined, at: ctx.state().now,
    };
    ctx.requests.push(entry);
    const fault = ctx.behavior()?.({ method: entry.method, path: entry.path, tenant: undefined, endpoint, form: new URLSearchParams(), grantType: undefined, index: ctx.nextIndex() });
    if (await applyBehavior(fault, entry, req, res)) return;
    if (!style) return void ((entry.status = 404), write(res, 404, { error: "not_found", error_description: `No managed-identity endpoint at ${path}` }));
    const result = handleManagedIdentityRequest(
      { style, method: entry.method, query: url.searchParams, headers: req.headers },
      { ...ctx.state(), systemAssigned: ctx.options.systemAssigned, userAssigned: ctx.options.userAssigned ?? [], identityHeader },
    );
    entry.status = result.status;
    write(res, result.status, result.json, fault?.headers);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, ctx.host, () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const appServiceEndpoint = `${origin}${APP_SERVICE_TOKEN_PATH}`;
  return {
    imdsHost: origin,
    appServiceEndpoint,
    identityHeader,
    environment: (style): Readonly<Record<string, string>> =>
      style === "imds" ? { AZURE_POD_IDENTITY_AUTHORITY_HOST: origin } : { IDENTITY_ENDPOINT: appServiceEndpoint, IDENTITY_HEADER: identityHeader },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function redactMiHeaders(headers: IncomingMessage["headers"]): Record<string, string> {
  const out = redactHeaders(headers);
  if (out["x-identity-header"] !== undefined) out["x-identity-header"] = "[redacted]";
  return out;
}

function write(res: ServerResponse, status: number, json: unknown, headers?: Readonly<Record<string, string>>): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(json ?? {}));
}
