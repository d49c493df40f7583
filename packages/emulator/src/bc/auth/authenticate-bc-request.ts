import type { Clock } from "../clock.js";
import { BcError } from "../http/bc-error.js";
import type { BcTokenValidator, BcIdentity } from "./access-token-validator.js";
import type { BcTenantOptions } from "./bc-tenant.js";

export interface AuthSettings {
  readonly validate: BcTokenValidator;
  readonly audience: string;
  readonly clock: Clock;
  /** §1.5: a token for another resource got an OData XML error in one capture; JSON is the alternative. */
  readonly wrongAudienceFormat: "xml" | "json";
}

export const rejectedCredentials = "The server has rejected the client credentials.";
const incorrectCredentials = "The credentials provided are incorrect";
const delegatedScopes = ["Financials.ReadWrite.All", "user_impersonation"];

/** Thrown for a token for another resource when the XML form is configured (§1.5). */
export class XmlUnauthorizedError extends BcError {}

const unauthorized = (code: string, message: string): BcError => new BcError(401, code, message, { "www-authenticate": "Bearer" });

/**
 * Token checks BC does before any OData work (§1.4, §1.5): bearer present and valid, audience, expiry,
 * tenant, role for the route, and the app registered and enabled in this BC tenant.
 */
export async function authenticateBcRequest(
  settings: AuthSettings,
  authorization: string | undefined,
  tenant: BcTenantOptions,
  requiredRole: string,
): Promise<BcIdentity> {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  if (!m) throw unauthorized("Unauthorized", incorrectCredentials);
  const verdict = await settings.validate(m[1]!);
  const wrongAudience = (): BcError =>
    settings.wrongAudienceFormat === "xml"
      ? new XmlUnauthorizedError(401, "Unauthorized", incorrectCredentials, { "www-authenticate": "Bearer" })
      : unauthorized("Unauthorized", incorrectCredentials);
  if (!verdict.ok) throw verdict.reason === "audience" ? wrongAudience() : unauthorized("Unauthorized", incorrectCredentials);
  const claims = verdict.claims;
  const aud = claims["aud"];
  const audiences = Array.isArray(aud) ? aud : [aud];
  const wanted = settings.audience.replace(/\/$/, "");
  if (!audiences.some((a) => typeof a === "string" && a.replace(/\/$/, "") === wanted)) throw wrongAudience();
  const exp = claims["exp"];
  if (typeof exp !== "number" || exp * 1000 <= settings.clock.now()) throw unauthorized("Unauthorized", incorrectCredentials);
  const nbf = claims["nbf"];
  if (typeof nbf === "number" && nbf * 1000 > settings.clock.now() + 5 * 60_000) throw unauthorized("Unauthorized", incorrectCredentials);
  const tid = claims["tid"];
  if (typeof tid !== "string" || tid.toLowerCase() !== tenant.tenantId.toLowerCase()) throw unauthorized("Authentication_InvalidCredentials", rejectedCredentials);
  const roles = Array.isArray(claims["roles"]) ? (claims["roles"] as unknown[]).filter((r): r is string => typeof r === "string") : [];
  const appId = String(claims["appid"] ?? claims["azp"] ?? "").toLowerCase();
  // Delegated (user) tokens carry `scp` instead of `roles` (§1.7); the user's own permissions apply,
  // so no "Microsoft Entra Applications" registration is needed.
  const scopes = typeof claims["scp"] === "string" ? claims["scp"].split(" ") : [];
  if (claims["idtyp"] === "user" || (scopes.length > 0 && roles.length === 0)) {
    if (!scopes.some((s) => delegatedScopes.includes(s))) {
      throw unauthorized("Authentication_InvalidCredentials", "Web service call failed because user could not be authenticated or authorized.");
    }
    const user = String(claims["oid"] ?? claims["upn"] ?? "");
    return { tenantId: tenant.tenantId, appId, roles: scopes, userId: user };
  }
  if (!roles.includes(requiredRole)) {
    throw unauthorized("Authentication_InvalidCredentials", "Web service call failed because user could not be authenticated or authorized.");
  }
  const registration = tenant.applications.find((a) => a.clientId.toLowerCase() === appId);
  if (!registration || registration.enabled === false) throw unauthorized("Authentication_InvalidCredentials", rejectedCredentials);
  return { tenantId: tenant.tenantId, appId, roles, userId: undefined };
}
