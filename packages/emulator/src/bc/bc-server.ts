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
import { parseBcUrl } from "./http/bc-url.js";
import { errorResponse } from "./http/error-response.js";
import { dispatchRouteRequest } from "./http/route-dispatch.js";
import type { BcEnvironment } from "./store/bc-environment.js";
import { BcTenantRegistry } from "./store/bc-tenant-registry.js";
import { FaultInjector, type FaultAction } from "./faults/fault-injector.js";
import { wireFaultOf, type WireFault } from "./faults/wire-fault.js";
import { WebhookService } from "./webhooks/webhook-service.js";
import { JsonPersistence } from "./store/json-persistence.js";
import { IdentityLimiter, type InFlightSample, type LimitOptions, type LimiterStats } from "./limits/identity-limiter.js";

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
  /** Fault injection: latency, 5xx, connection reset, malformed body, early token expiry. */
  readonly faults: FaultInjector;
  /** Changes the per-identity limits (§7) at runtime. */
  configureLimits(limits: LimitOptions): void;
  readonly limitStatistics: LimiterStats;
  /** Per identity, requests in flight and queued after every change (injected clock) — e.g. assert `every((s) => s.inFlight <= 5)`. */
  readonly inFlightTimeline: readonly InFlightSample[];
  /** Forgets limit statistics, the timeline and the identities' sliding windows (between tests). */
  resetLimitStatistics(): void;
  /** Webhook subscriptions: `flush()` delivers pending notifications now; `deliveries` logs attempts. */
  readonly webhooks: WebhookService;
  close(): Promise<void>;
}

/** What the socket layer must do besides writing the response. */
interface Outcome {
  readonly response: BcResponse;
  readonly identity: BcIdentity | undefined;
  readonly wire: WireFault;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

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
  const registry = new BcTenantRegistry(resolved.tenants, resolved.routes, resolved.seed, resolved.clock);
  const log: BcRequestLogEntry[] = [];
  const faults = new FaultInjector();
  const webhooks = new WebhookService(options.webhooks, resolved.clock);
  const persistence = options.persistFile ? new JsonPersistence(options.persistFile, registry.allEnvironments(), resolved.routes) : undefined;
  persistence?.load();
  for (const env of registry.allEnvironments()) {
    for (const route of resolved.routes) {
      const store = env.store(route);
      store.onChange((change) => {
        webhooks.onChange(store, change);
        persistence?.scheduleSave();
      });
    }
  }
  const limiter = new IdentityLimiter(options.limits, resolved.clock);

  /**
   * `arrivedAt` (performance.now() when the request's headers came in) is where injected latency counts
   * from: one Node thread serves every "concurrent" request, so a request that arrives while others are
   * being processed would otherwise start its latency only when the thread is free — a wait BC, which runs
   * requests in parallel, does not have (measured: 5 batches of 100 at 200 ms took ~250 ms each, not ~210).
   */
  const process = async (request: BcRequest, disconnected?: AbortSignal, arrivedAt = performance.now()): Promise<Outcome> => {
    const url = parseBcUrl(request.url.pathname, resolved.routes);
    const auth = { validate: resolved.validateAccessToken, audience: resolved.audience, clock: resolved.clock, wrongAudienceFormat: resolved.wrongAudienceFormat };
    let tenant: BcTenantOptions | undefined;
    if (url.tenantSegment !== undefined) {
      tenant = registry.find(url.tenantSegment);
    } else {
      // No tenant in the URL: BC takes it from the token (§2.1). Peek at tid through the validator.
      const token = /^Bearer\s+(\S+)$/i.exec(request.headers["authorization"] ?? "")?.[1];
      const verdict = token ? await resolved.validateAccessToken(token) : undefined;
      const tid = verdict?.ok ? verdict.claims["tid"] : undefined;
      tenant = typeof tid === "string" ? registry.find(tid) : undefined;
    }
    const effectiveTenant = tenant ?? { tenantId: url.tenantSegment ?? "", applications: [] };
    const identity = await authenticateBcRequest(auth, request.headers["authorization"], effectiveTenant, url.route.requiredRole);
    const environment = registry.environment(effectiveTenant.tenantId, url.environment);
    if (!environment) throw new BcError(404, "BadRequest_ResourceNotFound", `The environment '${url.environment}' does not exist.`);
    // §7: limits are per identity; the slot is held while the request runs (including injected latency).
    // A request BC queued (beyond 5 in flight) starts its latency when a slot frees, not when it arrived.
    let startedAt = arrivedAt;
    const release = await limiter.acquire(`${identity.tenantId}/${identity.userId ?? identity.appId}`, disconnected, () => (startedAt = performance.now()));
    // A client that hung up frees its slot now, unless BC is modelled as finishing the work (keepSlotOnDisconnect).
    const onDisconnect = () => {
      limiter.noteAbandoned();
      if (!limiter.keepsSlotOnDisconnect) release();
    };
    disconnected?.addEventListener("abort", onDisconnect, { once: true });
    try {
      let wire: WireFault = { kind: "normal" };
      // Latency with `processing: "during"`: BC's answer takes `ms` in all, its own work included.
      let answerAt = 0;
      for (const action of faults.take({ method: request.method, path: request.url.pathname, appId: identity.appId })) {
        if (action.kind === "latency" && action.processing === "during" && action.ms < resolved.operationTimeoutMs) {
          answerAt = Math.max(answerAt, startedAt + action.ms);
          continue;
        }
        await applyFault(action, startedAt);
        // The first wire fault decides what the client sees; later ones are ignored.
        if (wire.kind === "normal") wire = wireFaultOf(action);
      }
      // Faults in front of BC: the request is never processed, so nothing is applied.
      if (wire.kind === "reset" && !wire.afterProcessing) return { response: { status: 0, headers: {}, body: { kind: "none" } }, identity, wire };
      if (wire.kind === "replace" && !wire.afterProcessing) return { response: wire.response, identity, wire };
      if (disconnected?.aborted && !limiter.keepsSlotOnDisconnect) throw new BcError(499, "ClientClosedRequest", "The client closed the connection; the request was not processed.");
      try {
        if (wire.kind === "normal") return { response: await handle(request, url, environment), identity, wire };
        // A wire fault after processing hides error answers too: a failed write's answer is lost or replaced as well.
        return { response: await handle(request, url, environment).catch((error: unknown) => errorResponse(error, randomUUID())), identity, wire };
      } finally {
        if (answerAt > performance.now()) await sleep(answerAt - performance.now());
      }
    } finally {
      disconnected?.removeEventListener("abort", onDisconnect);
      release();
    }
  };

  /** Latency waits, status and token faults throw; wire faults are read by `wireFaultOf`. */
  const applyFault = async (action: FaultAction, startedAt: number): Promise<void> => {
    switch (action.kind) {
      case "latency": {
        // BC cancels operations after its operation timeout (§7: 8 minutes → 408).
        const timeout = resolved.operationTimeoutMs;
        await sleep(Math.max(0, startedAt + Math.min(action.ms, timeout) - performance.now()));
        if (action.ms >= timeout) throw new BcError(408, "RequestTimeout", "The operation has timed out.");
        return;
      }
      case "status":
        throw new BcError(action.status, action.code ?? "Internal_ServerError", action.message ?? "Injected fault.", action.retryAfterSeconds === undefined ? {} : { "retry-after": String(action.retryAfterSeconds) });
      case "reset":
      case "lostResponse":
      case "resetBeforeProcessing":
      case "malformedBody":
      case "gateway":
      case "answer":
        return;
      case "expireToken":
        throw new BcError(401, "Unauthorized", "The credentials provided are incorrect", { "www-authenticate": "Bearer" });
    }
  };

  const handle = async (request: BcRequest, url: ReturnType<typeof parseBcUrl>, environment: BcEnvironment): Promise<BcResponse> => {
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
    const first = url.segments[0] ?? "";
    if ((request.method === "POST" || request.method === "PATCH") && /^subscriptions(\(|$)/.test(first) && url.route.model.entitySets.has("subscriptions")) {
      return webhooks.handle(ctx, request, url.segments);
    }
    return dispatchRouteRequest(ctx, request, url.segments);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const arrivedAt = performance.now();
    const correlationId = randomUUID();
    const disconnected = new AbortController();
    res.once("close", () => {
      if (!res.writableFinished) disconnected.abort();
    });
    void (async () => {
      let response: BcResponse;
      let identity: BcIdentity | undefined;
      let wire: WireFault = { kind: "normal" };
      let path = req.url ?? "/";
      try {
        const body = await readBody(req);
        const url = new URL(req.url ?? "/", `http://${req.headers.host ?? `${resolved.host}:${port}`}`);
        path = url.pathname;
        const headers: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(", ") : v;
        ({ response, identity, wire } = await process({ method: req.method ?? "GET", url, headers, body: body.length > 0 ? body : undefined }, disconnected.signal, arrivedAt));
      } catch (error) {
        response = errorResponse(error, correlationId);
      }
      const answer = wire.kind === "replace" ? wire.response : response;
      log.push({ at: resolved.clock.now(), method: req.method ?? "GET", path, status: wire.kind === "reset" ? 0 : answer.status, appId: identity?.appId, correlationId });
      if (wire.kind === "reset") {
        req.socket.destroy();
        return;
      }
      writeResponse(res, answer, correlationId, wire.kind === "malformed");
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${resolved.host}:${port}`,
    port,
    environment(tenantId, name = "production") {
      const env = registry.environment(tenantId, name);
      if (!env) throw new TypeError(`unknown environment ${name} in tenant ${tenantId}`);
      return env;
    },
    registerApplication: (tenantId, registration) => registry.registerApplication(tenantId, registration),
    setApplicationEnabled: (tenantId, clientId, enabled) => registry.setApplicationEnabled(tenantId, clientId, enabled),
    get requests() {
      return log;
    },
    faults,
    webhooks,
    configureLimits: (limits) => limiter.configure(limits),
    get limitStatistics() {
      return limiter.statistics;
    },
    get inFlightTimeline() {
      return limiter.timeline;
    },
    resetLimitStatistics: () => limiter.resetStatistics(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        webhooks.close();
        persistence?.saveNow();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function writeResponse(res: ServerResponse, response: BcResponse, correlationId: string, malformed: boolean): void {
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
  // Injected fault: a JSON body cut in half (still with a matching Content-Length).
  if (malformed) payload = typeof payload === "string" ? payload.slice(0, Math.max(1, Math.floor(payload.length / 2))) : "{\"value\":[";
  if (payload !== undefined) headers["content-length"] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}
