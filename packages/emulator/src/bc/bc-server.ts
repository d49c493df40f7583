import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { authenticateBcRequest } from "./auth/authenticate-bc-request.js";
import type { BcIdentity } from "./auth/access-token-validator.js";
import type { BcApplicationRegistration, BcTenantOptions } from "./auth/bc-tenant.js";
import { resolveBcServerOptions, type BcServerOptions } from "./bc-server-options.js";
import { BcError } from "./http/bc-error.js";
import type { BcRequest } from "./http/bc-request.js";
import type { BcResponse } from "./http/bc-response.js";
import { findTenant, parseBcUrl } from "./http/bc-url.js";
import { errorResponse } from "./http/error-response.js";
import { dispatchRouteRequest } from "./http/route-dispatch.js";
import { BcEnvironment } from "./store/bc-environment.js";

export interface BcRequestLogEntry {
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly appId: string | undefined;
  readonly correlationId: string;
}

/** The running fake BC server and its control surface. */
export interface BcServer {
  /** `http://127.0.0.1:PORT` — stands in for https://api.businesscentral.dynamics.com. */
  readonly url: string;
  readonly port: number;
  /** Data of one environment (case-insensitive name). Throws for unknown tenants/environments. */
  environment(tenantId: string, name?: string): BcEnvironment;
  /** Adds or replaces an app registration in a BC tenant (§1.4). */
  registerApplication(tenantId: string, registration: BcApplicationRegistration): void;
  setApplicationEnabled(tenantId: string, clientId: string, enabled: boolean): void;
  readonly requests: readonly BcRequestLogEntry[];
  close(): Promise<void>;
}

const maxBodyBytes = 350 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new BcError(413, "BadRequest", "The request body is too large.");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function startBcServer(options: BcServerOptions): Promise<BcServer> {
  const resolved = resolveBcServerOptions(options);
  const tenants = new Map<string, { options: BcTenantOptions; applications: BcApplicationRegistration[]; environments: Map<string, BcEnvironment> }>();
  for (const t of resolved.tenants) {
    const environments = new Map<string, BcEnvironment>();
    for (const name of t.environments ?? ["production"]) {
      environments.set(name.toLowerCase(), new BcEnvironment(t.tenantId, name, resolved.routes, resolved.seed, resolved.clock));
    }
    tenants.set(t.tenantId.toLowerCase(), { options: t, applications: [...t.applications], environments });
  }
  const tenantList = (): BcTenantOptions[] => [...tenants.values()].map((t) => ({ ...t.options, applications: t.applications }));
  const log: BcRequestLogEntry[] = [];

  const process = async (request: BcRequest): Promise<{ response: BcResponse; identity: BcIdentity | undefined }> => {
    const url = parseBcUrl(request.url.pathname, resolved.routes);
    const auth = { validate: resolved.validateAccessToken, audience: resolved.audience, clock: resolved.clock, wrongAudienceFormat: resolved.wrongAudienceFormat };
    let tenant: BcTenantOptions | undefined;
    if (url.tenantSegment !== undefined) {
      tenant = findTenant(tenantList(), url.tenantSegment);
    } else {
      // No tenant in the URL: BC takes it from the token (§2.1). Peek at tid through the validator.
      const token = /^Bearer\s+(\S+)$/i.exec(request.headers["authorization"] ?? "")?.[1];
      const verdict = token ? await resolved.validateAccessToken(token) : undefined;
      const tid = verdict?.ok ? verdict.claims["tid"] : undefined;
      tenant = typeof tid === "string" ? findTenant(tenantList(), tid) : undefined;
    }
    const effectiveTenant = tenant ?? { tenantId: url.tenantSegment ?? "", applications: [] };
    const identity = await authenticateBcRequest(auth, request.headers["authorization"], effectiveTenant, url.route.requiredRole);
    const state = tenants.get(effectiveTenant.tenantId.toLowerCase());
    const environment = state?.environments.get(url.environment.toLowerCase());
    if (!environment) throw new BcError(404, "BadRequest_ResourceNotFound", `The environment '${url.environment}' does not exist.`);
    const schemaVersion = request.url.searchParams.get("$schemaversion");
    const ctx = {
      route: url.route,
      environment,
      store: environment.store(url.route),
      serviceRoot: `${request.url.origin}${url.rootPath}`,
      clock: resolved.clock,
      settings: resolved.settings,
      companyHint: request.url.searchParams.get("company") ?? undefined,
      schemaVersion21: schemaVersion !== null && Number(schemaVersion) >= 2.1,
    };
    return { response: dispatchRouteRequest(ctx, request, url.segments), identity };
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const correlationId = randomUUID();
    void (async () => {
      let response: BcResponse;
      let identity: BcIdentity | undefined;
      let path = req.url ?? "/";
      try {
        const body = await readBody(req);
        const url = new URL(req.url ?? "/", `http://${req.headers.host ?? `${resolved.host}:${port}`}`);
        path = url.pathname;
        const headers: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(", ") : v;
        ({ response, identity } = await process({ method: req.method ?? "GET", url, headers, body: body.length > 0 ? body : undefined }));
      } catch (error) {
        response = errorResponse(error, correlationId);
      }
      log.push({ at: resolved.clock.now(), method: req.method ?? "GET", path, status: response.status, appId: identity?.appId, correlationId });
      writeResponse(res, response, correlationId);
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const tenantState = (tenantId: string) => {
    const t = tenants.get(tenantId.toLowerCase());
    if (!t) throw new TypeError(`unknown BC tenant ${tenantId}`);
    return t;
  };

  return {
    url: `http://${resolved.host}:${port}`,
    port,
    environment(tenantId, name = "production") {
      const env = tenantState(tenantId).environments.get(name.toLowerCase());
      if (!env) throw new TypeError(`unknown environment ${name} in tenant ${tenantId}`);
      return env;
    },
    registerApplication(tenantId, registration) {
      const t = tenantState(tenantId);
      t.applications = t.applications.filter((a) => a.clientId.toLowerCase() !== registration.clientId.toLowerCase());
      t.applications.push(registration);
    },
    setApplicationEnabled(tenantId, clientId, enabled) {
      const t = tenantState(tenantId);
      const existing = t.applications.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase());
      if (!existing) throw new TypeError(`app ${clientId} is not registered in BC tenant ${tenantId}`);
      t.applications = t.applications.map((a) => (a === existing ? { ...a, enabled } : a));
    },
    get requests() {
      return log;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function writeResponse(res: ServerResponse, response: BcResponse, correlationId: string): void {
  const headers: Record<string, string> = { ...response.headers, "request-id": correlationId };
  let payload: Buffer | string | undefined;
  switch (response.body.kind) {
    case "json":
      payload = JSON.stringify(response.body.value);
      break;
    case "raw":
      payload = response.body.data;
      break;
    case "none":
      payload = undefined;
      break;
  }
  if (payload !== undefined) headers["content-length"] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}
