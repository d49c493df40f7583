import { handleAuthorize } from "./authorize-endpoint.js";
import { handleDeviceCode, handleDeviceLogin } from "./device-code-endpoint.js";
import { errorResult, jsonResult, type EndpointResult } from "./endpoint-result.js";
import { EntraErrors } from "./entra-error.js";
import { openIdConfiguration } from "./openid-configuration.js";
import { findTenant, type RegisteredTenant } from "./registrations.js";
import { handleTokenRequest } from "./token-endpoint.js";
import type { TokenIssuer } from "./token-issuer.js";
import type { UserFlowStore } from "./user-flow-store.js";

export interface ParsedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly form: URLSearchParams;
  readonly authorizationHeader: string | undefined;
  readonly correlationId: string | undefined;
}

export interface RouterState {
  readonly origin: string;
  readonly tenants: RegisteredTenant[];
  readonly now: number;
  readonly tokenLifetimeInSeconds: number;
  readonly refreshInSeconds: number | undefined;
  readonly deviceCodeIntervalInSeconds: number;
  readonly issuer: TokenIssuer;
  readonly userFlows: UserFlowStore;
}

const MULTI_TENANT_ALIASES = new Set(["common", "organizations", "consumers"]);

/** Which endpoint a path is, and its tenant segment. */
export function classify(method: string, path: string): { endpoint: string; tenant: string | undefined } {
  if (path === "/devicelogin") return { endpoint: "devicelogin", tenant: undefined };
  const m = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|discovery\/v2\.0\/keys|oauth2\/v2\.0\/(token|authorize|devicecode|logout))$/.exec(path);
  if (!m) return { endpoint: "other", tenant: undefined };
  const endpoint = m[3] ?? (m[2]!.startsWith("discovery") ? "keys" : "openid-configuration");
  return { endpoint: method === "POST" || endpoint !== "token" ? endpoint : "other", tenant: decodeURIComponent(m[1]!) };
}

export function route(req: ParsedRequest, state: RouterState): EndpointResult {
  const { endpoint, tenant: segment } = classify(req.method, req.path);
  const fail = (spec: ReturnType<(typeof EntraErrors)[keyof typeof EntraErrors]>) => errorResult(spec, state.now, req.correlationId);
  if (endpoint === "devicelogin") return handleDeviceLogin(req.method, req.form, state.tenants, state.userFlows, state.now);
  if (endpoint === "other" || segment === undefined) return { status: 404, json: { error: "not_found", error_description: `No fake Entra endpoint at ${req.method} ${req.path}` } };
  if (endpoint === "keys") return jsonResult(state.issuer.jwks());
  if (MULTI_TENANT_ALIASES.has(segment.toLowerCase())) return fail(EntraErrors.commonNotAllowed());
  const tenant = findTenant(state.tenants, segment);
  if (!tenant) return fail(EntraErrors.tenantNotFound(segment));
  const issuer = `${state.origin}/${tenant.id}/v2.0`;
  switch (endpoint) {
    case "openid-configuration":
      return jsonResult(openIdConfiguration(state.origin, tenant.id));
    case "token":
      return handleTokenRequest({
        tenant, tenants: state.tenants, form: req.form, authorizationHeader: req.authorizationHeader, correlationId: req.correlationId,
        now: state.now, issuer, lifetimeInSeconds: state.tokenLifetimeInSeconds, refreshInSeconds: state.refreshInSeconds,
        issuerKeys: state.issuer, userFlows: state.userFlows,
      });
    case "authorize":
      return handleAuthorize({ tenant, method: req.method, params: req.method === "POST" ? req.form : req.query, path: req.path, now: state.now, userFlows: state.userFlows });
    case "devicecode":
      return handleDeviceCode({
        tenant, tenants: state.tenants, form: req.form, authorizationHeader: req.authorizationHeader, correlationId: req.correlationId,
        now: state.now, origin: state.origin, intervalInSeconds: state.deviceCodeIntervalInSeconds, userFlows: state.userFlows,
      });
    case "logout":
      return { status: 200, html: "<!doctype html><title>Signed out</title><p>You signed out of your account.</p>" };
    default:
      return { status: 404, json: { error: "not_found" } };
  }
}
