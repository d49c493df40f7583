import { randomUUID } from "node:crypto";

/**
 * One Entra ID error: the OAuth `error`, the AADSTS number, the HTTP status Entra answers with,
 * and the text. Statuses follow bc-api-facts §1.3 and msal-node-notes §2.3/§7 (invalid_client → 401).
 */
export interface EntraErrorSpec {
  readonly status: number;
  readonly error: string;
  readonly code: number;
  readonly text: string;
}

export function entraError(code: number, error: string, status: number, text: string): EntraErrorSpec {
  return { status, error, code, text };
}

/** The errors the fake answers with, keyed by what went wrong. Texts approximate Entra's wording. */
export const EntraErrors = {
  tenantNotFound: (tenant: string) =>
    entraError(90002, "invalid_request", 400, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`),
  commonNotAllowed: () =>
    entraError(9001023, "invalid_request", 400, "The grant type isn't supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint."),
  missingParameter: (name: string) =>
    entraError(900144, "invalid_request", 400, `The request body must contain the following parameter: '${name}'.`),
  unsupportedGrantType: (grant: string) =>
    entraError(70003, "unsupported_grant_type", 400, `The app requested an unsupported grant type '${grant}'.`),
  appNotFound: (clientId: string, tenantId: string) =>
    entraError(700016, "unauthorized_client", 400, `Application with identifier '${clientId}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`),
  appDisabled: (clientId: string) =>
    entraError(7000112, "unauthorized_client", 400, `Application '${clientId}' is disabled.`),
  invalidSecret: (clientId: string) =>
    entraError(7000215, "invalid_client", 401, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`),
  expiredSecret: (clientId: string) =>
    entraError(7000222, "invalid_client", 401, `The provided client secret keys for app '${clientId}' are expired. Visit the Azure portal to create new keys for your app.`),
  noCredential: () =>
    entraError(7000218, "invalid_client", 401, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."),
  twoCredentials: () =>
    entraError(9002313, "invalid_request", 400, "Invalid request. Request is malformed or invalid: both client_secret and client_assertion were sent."),
  assertionInvalid: (detail: string) =>
    entraError(700027, "invalid_client", 401, `Client assertion failed signature validation. ${detail}`),
  assertionExpired: () =>
    entraError(700024, "invalid_client", 401, "Client assertion is not within its valid time range."),
  assertionSubjectMismatch: () =>
    entraError(700021, "invalid_client", 401, "Client assertion application identifier doesn't match 'client_id' parameter."),
  federationNoMatch: () =>
    entraError(70021, "invalid_client", 401, "No matching federated identity record found for presented assertion."),
  invalidAssertionType: () =>
    entraError(700025, "invalid_request", 400, "The client_assertion_type must be 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'."),
  scopeNotDefault: (scope: string) =>
    entraError(1002012, "invalid_scope", 400, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`),
  scopeSeveralResources: () =>
    entraError(700022, "invalid_scope", 400, "The provided value for the input parameter scope isn't valid because it contains more than one resource."),
  resourceNotFound: (resource: string, tenantId: string) =>
    entraError(500011, "invalid_resource", 400, `The resource principal named ${resource} was not found in the tenant named ${tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`),
  consentRequired: (clientId: string) =>
    entraError(65001, "invalid_grant", 400, `The user or administrator has not consented to use the application with ID '${clientId}'. Send an interactive authorization request for this user and resource.`),
  redirectUriMismatch: (uri: string, clientId: string) =>
    entraError(50011, "invalid_request", 400, `The redirect URI '${uri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'.`),
  invalidCode: () =>
    entraError(70008, "invalid_grant", 400, "The provided authorization code or refresh token has expired due to inactivity or was already redeemed. Send a new interactive authorization request for this user and resource."),
  pkceMismatch: () =>
    entraError(501481, "invalid_grant", 400, "The Code_Verifier does not match the code_challenge supplied in the authorization request."),
  invalidRefreshToken: () =>
    entraError(50173, "invalid_grant", 400, "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password."),
  authorizationPending: () =>
    entraError(70016, "authorization_pending", 400, "OAuth 2.0 device flow error. Authorization is pending. Continue polling."),
  deviceCodeExpired: () =>
    entraError(70019, "expired_token", 400, "Verification code expired."),
  deviceCodeDeclined: () =>
    entraError(70000, "authorization_declined", 400, "The user declined the authorization request."),
  unsupportedResponseType: () =>
    entraError(700055, "unsupported_response_type", 400, "The response type is not supported; use response_type=code."),
  publicClientNeedsPkce: () =>
    entraError(9002325, "invalid_request", 400, "Proof Key for Code Exchange is required for cross-origin authorization code redemption."),
} as const;

/** The JSON body Entra sends for an error, with `\r\n`-separated trace lines in the description. */
export function entraErrorBody(spec: EntraErrorSpec, now: number, correlationId?: string): Record<string, unknown> {
  const traceId = randomUUID();
  const correlation = correlationId && /^[0-9a-f-]{36}$/i.test(correlationId) ? correlationId : randomUUID();
  const timestamp = new Date(now).toISOString().replace(/\.\d{3}Z$/, "Z").replace("T", " ");
  return {
    error: spec.error,
    error_description: `AADSTS${spec.code}: ${spec.text}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlation}\r\nTimestamp: ${timestamp}`,
    error_codes: [spec.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlation,
    error_uri: `https://login.microsoftonline.com/error?code=${spec.code}`,
  };
}
