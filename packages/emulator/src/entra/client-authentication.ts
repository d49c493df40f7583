import { EntraErrors, type EntraErrorSpec } from "./entra-error.js";
import { decodeJwt, verifyJwtSignature, type DecodedJwt } from "./jwt.js";
import { findTenant, type RegisteredApp, type RegisteredTenant } from "./registrations.js";

export const JWT_BEARER_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const DEFAULT_FEDERATION_AUDIENCE = "api://AzureADTokenExchange";
const ASSERTION_SKEW_SECONDS = 300;

export type ClientAuthentication =
  | { readonly ok: true; readonly app: RegisteredApp; readonly appidacr: "0" | "1" | "2" }
  | { readonly ok: false; readonly error: EntraErrorSpec };

export interface ClientAuthenticationInput {
  readonly tenant: RegisteredTenant;
  readonly tenants: readonly RegisteredTenant[];
  readonly form: URLSearchParams;
  readonly authorizationHeader: string | undefined;
  readonly now: number;
  /** Public clients may omit credentials in user flows (code, refresh, device code). */
  readonly allowPublicClient: boolean;
}

/**
 * Who is asking: client id from the body or HTTP Basic, then a secret (body or Basic), a certificate-signed
 * assertion (x5t#S256 / x5t against registered certificates) or a federated assertion (registered issuer).
 */
export function authenticateClient(input: ClientAuthenticationInput): ClientAuthentication {
  const { tenant, form } = input;
  const basic = parseBasic(input.authorizationHeader);
  const clientId = (form.get("client_id") ?? basic?.user ?? "").toLowerCase();
  if (!clientId) return fail(EntraErrors.missingParameter("client_id"));
  const app = tenant.apps.find((a) => a.clientId === clientId);
  if (!app) return fail(EntraErrors.appNotFound(clientId, tenant.id));
  if (!app.enabled) return fail(EntraErrors.appDisabled(clientId));

  const secret = form.get("client_secret") ?? basic?.password ?? undefined;
  const assertion = form.get("client_assertion") ?? undefined;
  if (secret !== undefined && assertion !== undefined) return fail(EntraErrors.twoCredentials());
  if (secret !== undefined) {
    const match = app.secrets.find((s) => s.value === secret);
    if (!match) return fail(EntraErrors.invalidSecret(clientId));
    if (match.expiresAt !== undefined && match.expiresAt <= input.now) return fail(EntraErrors.expiredSecret(clientId));
    return { ok: true, app, appidacr: "1" };
  }
  if (assertion !== undefined) {
    if (form.get("client_assertion_type") !== JWT_BEARER_ASSERTION_TYPE) return fail(EntraErrors.invalidAssertionType());
    const error = verifyAssertion(assertion, app, input);
    return error ? fail(error) : { ok: true, app, appidacr: "2" };
  }
  if (input.allowPublicClient && app.publicClient) return { ok: true, app, appidacr: "0" };
  return fail(EntraErrors.noCredential());
}

function verifyAssertion(assertion: string, app: RegisteredApp, input: ClientAuthenticationInput): EntraErrorSpec | undefined {
  const jwt = decodeJwt(assertion);
  if (!jwt) return EntraErrors.assertionInvalid("The assertion is not a JWT.");
  const federated = app.federatedCredentials.filter((f) => f.issuer === jwt.claims.iss);
  if (federated.length > 0) {
    const match = federated.find((f) => f.subject === jwt.claims.sub && audienceIncludes(jwt, f.audience ?? DEFAULT_FEDERATION_AUDIENCE));
    if (!match || !verifyJwtSignature(jwt, match.key)) return EntraErrors.federationNoMatch();
    return timeRangeError(jwt, input.now);
  }
  const x5tS256 = jwt.header["x5t#S256"];
  const x5t = jwt.header.x5t;
  const certificate = app.certificates.find((c) => (x5tS256 !== undefined ? c.x5tS256 === x5tS256 : c.x5t === x5t));
  if (!certificate) return EntraErrors.assertionInvalid("No registered certificate matches the assertion's x5t#S256 / x5t thumbprint.");
  if (!verifyJwtSignature(jwt, certificate.publicKey)) return EntraErrors.assertionInvalid("The signature does not verify with the registered certificate.");
  if (certificate.validTo <= input.now) return EntraErrors.assertionInvalid("The certificate used to sign the client assertion is expired.");
  if (jwt.claims.iss !== app.clientId || jwt.claims.sub !== app.clientId) return EntraErrors.assertionSubjectMismatch();
  if (!tokenEndpointAudience(jwt, input)) return EntraErrors.assertionInvalid("The assertion audience is not this tenant's token endpoint.");
  if (typeof jwt.claims.jti !== "string" || jwt.claims.jti === "") return EntraErrors.assertionInvalid("The assertion has no jti.");
  return timeRangeError(jwt, input.now);
}

function timeRangeError(jwt: DecodedJwt, nowMs: number): EntraErrorSpec | undefined {
  const now = nowMs / 1000;
  const { exp, nbf } = jwt.claims;
  if (typeof exp !== "number" || exp + ASSERTION_SKEW_SECONDS < now) return EntraErrors.assertionExpired();
  if (typeof nbf === "number" && nbf - ASSERTION_SKEW_SECONDS > now) return EntraErrors.assertionExpired();
  return undefined;
}

function audienceIncludes(jwt: DecodedJwt, audience: string): boolean {
  const aud = jwt.claims.aud;
  return Array.isArray(aud) ? aud.includes(audience) : aud === audience;
}

// Accepts the token endpoint or issuer of this tenant under any host: tests reach the fake as
// localhost or 127.0.0.1, and the production-authority style rewrites login.microsoftonline.com.
function tokenEndpointAudience(jwt: DecodedJwt, input: ClientAuthenticationInput): boolean {
  const aud = jwt.claims.aud;
  if (typeof aud !== "string") return false;
  let path: string;
  try {
    path = new URL(aud).pathname.replace(/\/$/, "");
  } catch {
    return false;
  }
  const m = /^\/([^/]+)\/(?:oauth2\/v2\.0\/token|v2\.0)$/.exec(path);
  return !!m && findTenant(input.tenants, decodeURIComponent(m[1]!)) === input.tenant;
}

function parseBasic(header: string | undefined): { user: string; password: string } | undefined {
  const m = header ? /^Basic\s+(.+)$/i.exec(header) : null;
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const i = decoded.indexOf(":");
  if (i < 0) return undefined;
  // RFC 6749 §2.3.1: both parts are form-urlencoded before Basic encoding.
  const unform = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
  return { user: unform(decoded.slice(0, i)), password: unform(decoded.slice(i + 1)) };
}

function fail(error: EntraErrorSpec): ClientAuthentication {
  return { ok: false, error };
}
