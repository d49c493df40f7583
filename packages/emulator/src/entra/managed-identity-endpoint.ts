import { randomUUID } from "node:crypto";
import type { EndpointResult } from "./endpoint-result.js";
import { BUSINESS_CENTRAL_RESOURCE, registerApp, type RegisteredTenant } from "./registrations.js";
import type { TokenIssuer } from "./token-issuer.js";

/** One managed identity the fake host has attached (a VM, an App Service, a container app). */
export interface ManagedIdentityInput {
  /** The identity's client (application) id — what AZURE_CLIENT_ID names for a user-assigned identity. */
  readonly clientId: string;
  /** Default: a GUID derived from the client id. */
  readonly objectId?: string;
  /** `/subscriptions/…/resourceGroups/…/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>`. */
  readonly resourceId?: string;
  /** Tenant of the identity. Default: the fake's first tenant. */
  readonly tenantId?: string;
  /** Application permissions issued as `roles`. Default API.ReadWrite.All, Automation.ReadWrite.All. */
  readonly roles?: readonly string[];
}

export type ManagedIdentityStyle = "imds" | "app-service";

export interface ManagedIdentityRequest {
  readonly style: ManagedIdentityStyle;
  readonly method: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface ManagedIdentityState {
  readonly systemAssigned: ManagedIdentityInput | undefined;
  readonly userAssigned: readonly ManagedIdentityInput[];
  readonly identityHeader: string;
  readonly tenants: readonly RegisteredTenant[];
  readonly issuer: TokenIssuer;
  readonly now: number;
  readonly lifetimeInSeconds: number;
}

export const IMDS_TOKEN_PATH = "/metadata/identity/oauth2/token";
export const APP_SERVICE_TOKEN_PATH = "/msi/token";
const API_VERSION: Record<ManagedIdentityStyle, string> = { imds: "2018-02-01", "app-service": "2019-08-01" };

/**
 * The two managed-identity token endpoints msal-node speaks to, with their (different) error shapes:
 *
 * - IMDS: `GET /metadata/identity/oauth2/token?api-version=2018-02-01&resource=…` + `Metadata: true`;
 *   errors `{ error, error_description }` (e.g. 400 `invalid_request` "Identity not found").
 * - App Service: `GET {IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=…` + `X-IDENTITY-HEADER`;
 *   errors `{ statusCode, message, correlationId }` (e.g. 400 "Unable to load the proper Managed Identity.").
 *
 * Success bodies carry numbers as strings, like the real services; `expires_on` is epoch seconds.
 */
export function handleManagedIdentityRequest(req: ManagedIdentityRequest, state: ManagedIdentityState): EndpointResult {
  const imds = req.style === "imds";
  const fail = (status: number, error: string, text: string): EndpointResult =>
    imds ? { status, json: { error, error_description: text } } : { status, json: { statusCode: status, message: text, correlationId: randomUUID() } };
  if (req.method !== "GET") return fail(405, "invalid_request", `The HTTP method ${req.method} is not supported; use GET.`);
  if (imds && header(req, "metadata")?.toLowerCase() !== "true") return fail(400, "bad_request_102", "Required metadata header not specified");
  // [UNK] App Service's exact answer to a missing/wrong secret header is not documented; modelled as 401 in its shape.
  if (!imds && header(req, "x-identity-header") !== state.identityHeader) return fail(401, "unauthorized", "The X-IDENTITY-HEADER header is missing or not the value of IDENTITY_HEADER.");
  const apiVersion = req.query.get("api-version");
  if (apiVersion !== API_VERSION[req.style]) return fail(400, "invalid_request", `Unsupported or missing api-version '${apiVersion ?? ""}'; this endpoint serves ${API_VERSION[req.style]}.`);
  const resource = req.query.get("resource")?.replace(/\/\.default$/, "").replace(/\/$/, "");
  if (!resource) return fail(400, "invalid_request", "Required query variable 'resource' is missing");

  const identity = selectIdentity(req, state);
  if (identity === "ambiguous") return fail(400, "invalid_request", "Multiple user assigned identities exist, please specify the clientId / resourceId of the identity in the token request");
  if (identity === undefined) return imds ? fail(400, "invalid_request", "Identity not found") : fail(400, "invalid_request", "Unable to load the proper Managed Identity.");
  const tenant = identity.tenantId ? state.tenants.find((t) => t.id === identity.tenantId!.toLowerCase()) : state.tenants[0];
  if (!tenant) return fail(400, "invalid_request", "Identity not found");
  if (!tenant.bcProvisioned || !tenant.resources.includes(resource)) {
    // IMDS passes Entra's error through as error/error_description; App Service puts the text in `message`.
    return fail(400, "invalid_resource", `AADSTS500011: The resource principal named ${resource} was not found in the tenant named ${tenant.id}.`);
  }
  const app = registerApp({ clientId: identity.clientId, displayName: "managed identity", ...(identity.roles ? { roles: identity.roles } : {}) });
  const token = state.issuer.appToken(tenant, app, resource === BUSINESS_CENTRAL_RESOURCE ? BUSINESS_CENTRAL_RESOURCE : resource, state.lifetimeInSeconds, "2");
  const nowSeconds = Math.floor(state.now / 1000);
  const common = { access_token: token, expires_on: String(nowSeconds + state.lifetimeInSeconds), resource, token_type: "Bearer", client_id: identity.clientId };
  return {
    status: 200,
    json: imds
      ? { ...common, expires_in: String(state.lifetimeInSeconds), ext_expires_in: String(state.lifetimeInSeconds), not_before: String(nowSeconds), refresh_token: "" }
      : common,
  };
}

/** client_id / object_id / msi_res_id (IMDS) or mi_res_id (App Service) pick a user-assigned identity; none means system-assigned. */
function selectIdentity(req: ManagedIdentityRequest, state: ManagedIdentityState): ManagedIdentityInput | "ambiguous" | undefined {
  const q = req.query;
  const clientId = q.get("client_id")?.toLowerCase();
  const objectId = q.get("object_id")?.toLowerCase();
  const resourceId = (q.get("msi_res_id") ?? q.get("mi_res_id"))?.toLowerCase();
  if (clientId) return state.userAssigned.find((i) => i.clientId.toLowerCase() === clientId) ?? (state.systemAssigned?.clientId.toLowerCase() === clientId ? state.systemAssigned : undefined);
  if (objectId) return state.userAssigned.find((i) => i.objectId?.toLowerCase() === objectId);
  if (resourceId) return state.userAssigned.find((i) => i.resourceId?.toLowerCase() === resourceId);
  if (state.systemAssigned) return state.systemAssigned;
  // A host with exactly one user-assigned identity and no system-assigned one uses it by default.
  if (state.userAssigned.length === 1) return state.userAssigned[0];
  return state.userAssigned.length > 1 ? "ambiguous" : undefined;
}

function header(req: ManagedIdentityRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
