import { createServer, request as httpsRequest } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { classify, route } from "./entra-router.js";
import type { EndpointResult } from "./endpoint-result.js";
import { applyBehavior, redactForm, redactHeaders, type FakeEntraBehavior, type FakeEntraBehaviorHook, type FakeEntraRequestLogEntry } from "./fault-behavior.js";
import { demoTenantInput, findTenant, registerApp, registerTenant, type AppInput, type RegisteredApp, type RegisteredTenant, type TenantInput } from "./registrations.js";
import { openIdConfiguration } from "./openid-configuration.js";
import { defaultTls, testClientCredentialFiles, type FakeEntraTls } from "./tls-fixtures.js";
import { TokenIssuer, type AccessTokenValidation } from "./token-issuer.js";
import { UserFlowStore } from "./user-flow-store.js";
import { startManagedIdentityListener, type FakeManagedIdentityEndpoints, type FakeManagedIdentityOptions } from "./managed-identity-listener.js";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const MAX_LOGGED_REQUESTS = 10_000;

export interface FakeEntraOptions {
  /** Interface to listen on. Default 127.0.0.1. The origin always names `localhost` so the TLS SAN matches. */
  readonly host?: string;
  /** Default 0 (a free port). */
  readonly port?: number;
  /** Default: the committed test CA and localhost certificate. */
  readonly tls?: FakeEntraTls;
  /** Default: the demo tenant (FAKE_ENTRA_DEMO) with one app (secret + test client certificate) and one user. */
  readonly tenants?: readonly TenantInput[];
  /** Epoch milliseconds; drives `iat/exp`, secret expiry and assertion checks. Default Date.now. */
  readonly clock?: () => number;
  /** `expires_in` of issued tokens. Default 3599. */
  readonly tokenLifetimeInSeconds?: number;
  /** Adds `refresh_in` to client-credential answers (Entra sends it only for long-lived tokens). */
  readonly refreshInSeconds?: number;
  /** `interval` of device-code answers. Default 1 (Entra: 5) so tests stay fast. */
  readonly deviceCodeIntervalInSeconds?: number;
  /** Also serve managed-identity endpoints (IMDS and App Service style) on a plain-HTTP loopback listener. */
  readonly managedIdentity?: FakeManagedIdentityOptions;
}

export interface FakeEntra {
  /** `https://localhost:PORT`; the authority of a tenant is `${origin}/${tenantId}`. */
  readonly origin: string;
  readonly port: number;
  /** The CA that signed the server certificate: pass it as a client `ca` option. */
  readonly caPem: string;
  /** Absolute path of the CA PEM (for NODE_EXTRA_CA_CERTS in a child process). */
  readonly caFile: string;
  /** Live registrations: mutate them (or use addTenant/addApp) to change what the fake accepts. */
  readonly tenants: RegisteredTenant[];
  /** The last 10,000 requests, oldest first, with credentials redacted. */
  readonly requests: FakeEntraRequestLogEntry[];
  /** The managed-identity endpoints, when started with `managedIdentity`. */
  readonly managedIdentity: FakeManagedIdentityEndpoints | undefined;
  tokenLifetimeInSeconds: number;
  refreshInSeconds: number | undefined;
  tokenEndpoint(tenant: string): string;
  openIdConfiguration(tenant: string): Record<string, unknown>;
  jwks(): { keys: Record<string, unknown>[] };
  /** Checks signature, expiry, audience (default the BC resource) and tenant of an access token. */
  validateAccessToken(token: string, options?: { readonly audiences?: readonly string[] }): AccessTokenValidation;
  /** Installs (or with undefined removes) the fault hook. */
  setBehavior(hook: FakeEntraBehaviorHook | undefined): void;
  clearRequests(): void;
  addTenant(input: TenantInput): RegisteredTenant;
  addApp(tenant: string, input: AppInput): RegisteredApp;
  findTenant(idOrDomain: string): RegisteredTenant | undefined;
  /** Approves (as `username`) a pending device-code sign-in, as a user entering the code would. */
  approveDeviceCode(userCode: string, username: string): void;
  /** Declines a pending device-code sign-in, as a user pressing "Cancel" would. */
  declineDeviceCode(userCode: string): void;
  /** Revokes all refresh tokens of a user. Returns how many. */
  revokeRefreshTokens(username: string): number;
  /** Submits the sign-in form of an authorization URL as `username` and returns the redirect (with `code`/`state` or `error`). */
  signIn(authorizationUrl: string, credentials: { readonly username: string; readonly password: string }): Promise<URL>;
  close(): Promise<void>;
}

/**
 * Starts a fake Microsoft Entra ID over HTTPS on loopback. Real msal-node works against it with
 * authority `${origin}/${tenantId}`, `knownAuthorities: [new URL(origin).host]` and the CA trusted.
 *
 * @example
 * const entra = await startFakeEntra();
 * // POST ${entra.tokenEndpoint(FAKE_ENTRA_DEMO.tenantId)} grant_type=client_credentials …
 * entra.validateAccessToken(token); // { ok: true, claims: { aud: "https://api.businesscentral.dynamics.com", roles: [...] } }
 */
export async function startFakeEntra(options: FakeEntraOptions = {}): Promise<FakeEntra> {
  const tls = options.tls ?? defaultTls();
  const clock = options.clock ?? Date.now;
  const tenants = (options.tenants ?? [demoTenantInput(readFileSync(testClientCredentialFiles().certificateFile, "utf8"))]).map(registerTenant);
  const issuer = new TokenIssuer(clock, () => tenants);
  const userFlows = new UserFlowStore();
  const requests: FakeEntraRequestLogEntry[] = [];
  const sockets = new Set<Socket>();
  let behavior: FakeEntraBehaviorHook | undefined;
  let requestCount = 0;
  let origin = "";

  const server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) write(res, { status: 500, json: { error: "server_error", error_description: `fake Entra bug: ${String(error)}` } });
    });
  });
  server.on("connection", (s: Socket) => (sockets.add(s), s.on("close", () => sockets.delete(s))));
  server.on("secureConnection", (s) => (sockets.add(s), s.on("close", () => sockets.delete(s))));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "https://localhost");
    const body = await readBody(req);
    const contentType = String(req.headers["content-type"] ?? "");
    const form = req.method === "POST" && contentType.startsWith("application/x-www-form-urlencoded") ? new URLSearchParams(body) : new URLSearchParams();
    const { endpoint, tenant } = classify(req.method ?? "GET", url.pathname);
    const entry: FakeEntraRequestLogEntry = {
      method: req.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams), headers: redactHeaders(req.headers),
      form: redactForm(form), endpoint, tenant, grantType: form.get("grant_type") ?? undefined, status: undefined, at: clock(),
    };
    requests.push(entry);
    if (requests.length > MAX_LOGGED_REQUESTS) requests.splice(0, requests.length - MAX_LOGGED_REQUESTS); // a long-running CLI must not grow forever
    const fault: FakeEntraBehavior | undefined = behavior?.({
      method: entry.method, path: entry.path, tenant, endpoint, form, grantType: entry.grantType, index: requestCount++,
    });
    if (await applyBehavior(fault, entry, req, res)) return;
    const result = route(
      {
        method: entry.method, path: url.pathname, query: url.searchParams, form,
        authorizationHeader: req.headers.authorization,
        correlationId: String(req.headers["client-request-id"] ?? url.searchParams.get("client-request-id") ?? form.get("client-request-id") ?? "") || undefined,
      },
      { origin, tenants, now: clock(), tokenLifetimeInSeconds: fake.tokenLifetimeInSeconds, refreshInSeconds: fake.refreshInSeconds, deviceCodeIntervalInSeconds: options.deviceCodeIntervalInSeconds ?? 1, issuer, userFlows },
    );
    entry.status = result.status;
    if (result.aadsts !== undefined) entry.aadsts = result.aadsts;
    write(res, { ...result, headers: { ...result.headers, ...fault?.headers } });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `https://localhost:${port}`;
  const resolveTenantId = (t: string) => findTenant(tenants, t)?.id ?? t;
  const managedIdentity = options.managedIdentity === undefined ? undefined : await startManagedIdentityListener({
    options: options.managedIdentity, requests, behavior: () => behavior, nextIndex: () => requestCount++, host: options.host ?? "127.0.0.1",
    state: () => ({ tenants, issuer, now: clock(), lifetimeInSeconds: fake.tokenLifetimeInSeconds }),
  });

  const fake: FakeEntra = {
    origin, port, caPem: tls.ca, caFile: tls.caFile ?? writeCaFile(tls.ca), tenants, requests, managedIdentity,
    tokenLifetimeInSeconds: options.tokenLifetimeInSeconds ?? 3599,
    refreshInSeconds: options.refreshInSeconds,
    tokenEndpoint: (tenant) => `${origin}/${tenant}/oauth2/v2.0/token`,
    openIdConfiguration: (tenant) => openIdConfiguration(origin, resolveTenantId(tenant)),
    jwks: () => issuer.jwks(),
    validateAccessToken: (token, o) => issuer.validateAccessToken(token, o?.audiences),
    setBehavior: (hook) => void (behavior = hook),
    clearRequests: () => {
      requests.splice(0);
      requestCount = 0;
    },
    addTenant(input) {
      const t = registerTenant(input);
      tenants.push(t);
      return t;
    },
    addApp(tenant, input) {
      const t = findTenant(tenants, tenant);
      if (!t) throw new Error(`fake Entra: no tenant ${tenant}`);
      const app = registerApp(input);
      t.apps.push(app);
      return app;
    },
    findTenant: (t) => findTenant(tenants, t),
    approveDeviceCode(userCode, username) {
      const grant = userFlows.findDeviceCodeByUserCode(userCode);
      if (!grant) throw new Error(`fake Entra: no pending device code ${userCode}`);
      grant.state = "approved";
      grant.username = username.toLowerCase();
    },
    declineDeviceCode(userCode) {
      const grant = userFlows.findDeviceCodeByUserCode(userCode);
      if (!grant) throw new Error(`fake Entra: no pending device code ${userCode}`);
      grant.state = "declined";
    },
    revokeRefreshTokens: (username) => userFlows.revokeUser(username),
    signIn: (authorizationUrl, credentials) => submitSignIn(authorizationUrl, credentials, tls.ca),
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all([new Promise<void>((r) => server.close(() => r())), managedIdentity?.close()]);
    },
  };
  return fake;
}

// A custom CA given as text still needs a file for NODE_EXTRA_CA_CERTS in child processes.
function writeCaFile(ca: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "bcts-fake-entra-")), "ca.pem");
  writeFileSync(file, ca);
  return file;
}

function write(res: ServerResponse, result: EndpointResult): void {
  const headers: Record<string, string> = { "cache-control": "no-store, no-cache", ...result.headers };
  if (result.html !== undefined) {
    res.writeHead(result.status, { "content-type": "text/html; charset=utf-8", ...headers });
    res.end(result.html);
  } else if (result.json !== undefined) {
    res.writeHead(result.status, { "content-type": "application/json; charset=utf-8", ...headers });
    res.end(JSON.stringify(result.json));
  } else {
    res.writeHead(result.status, headers);
    res.end();
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 1_000_000) throw new Error("request body over 1 MB");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Posts the sign-in form the way a browser would, and returns where Entra redirects to. */
async function submitSignIn(authorizationUrl: string, credentials: { username: string; password: string }, ca: string): Promise<URL> {
  const url = new URL(authorizationUrl);
  const form = new URLSearchParams(url.searchParams);
  form.set("username", credentials.username);
  form.set("password", credentials.password);
  const body = form.toString();
  const { status, location, text } = await new Promise<{ status: number; location: string | undefined; text: string }>((resolve, reject) => {
    const req = httpsRequest(url.origin + url.pathname, { method: "POST", ca, headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) } }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (c: string) => (text += c)).on("end", () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
  if (status !== 302 || !location) {
    const alert = /role="alert">([^<]*)</.exec(text)?.[1] ?? /<p>([^<]*)<\/p>/.exec(text)?.[1] ?? `HTTP ${status}`;
    throw new Error(`fake Entra sign-in failed: ${alert}`);
  }
  return new URL(location);
}
