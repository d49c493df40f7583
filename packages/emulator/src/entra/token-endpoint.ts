import { createHash } from "node:crypto";
import { authenticateClient } from "./client-authentication.js";
import { EntraErrors, type EntraErrorSpec } from "./entra-error.js";
import { errorResult, jsonResult, type EndpointResult } from "./endpoint-result.js";
import type { RegisteredApp, RegisteredTenant, RegisteredUser } from "./registrations.js";
import { isEntraError, resolveScopes } from "./scopes.js";
import type { TokenIssuer } from "./token-issuer.js";
import type { UserFlowStore } from "./user-flow-store.js";
import { base64url } from "./jwt.js";

export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

export interface TokenEndpointContext {
  readonly tenant: RegisteredTenant;
  readonly tenants: readonly RegisteredTenant[];
  readonly form: URLSearchParams;
  readonly authorizationHeader: string | undefined;
  readonly correlationId: string | undefined;
  readonly now: number;
  /** `${origin}/${tenantId}/v2.0`, the OIDC issuer (used in id tokens). */
  readonly issuer: string;
  readonly lifetimeInSeconds: number;
  readonly refreshInSeconds: number | undefined;
  readonly issuerKeys: TokenIssuer;
  readonly userFlows: UserFlowStore;
}

/** POST /{tenant}/oauth2/v2.0/token: client credentials, authorization code (+PKCE), refresh token, device code. */
export function handleTokenRequest(ctx: TokenEndpointContext): EndpointResult {
  const fail = (spec: EntraErrorSpec) => errorResult(spec, ctx.now, ctx.correlationId);
  const grantType = ctx.form.get("grant_type");
  if (!grantType) return fail(EntraErrors.missingParameter("grant_type"));
  const userGrant = grantType === "authorization_code" || grantType === "refresh_token" || grantType === DEVICE_CODE_GRANT || grantType === "device_code";
  if (grantType !== "client_credentials" && !userGrant) return fail(EntraErrors.unsupportedGrantType(grantType));

  const client = authenticateClient({ ...ctx, allowPublicClient: userGrant });
  if (!client.ok) return fail(client.error);
  const { app } = client;

  if (grantType === "client_credentials") {
    const scopes = resolveScopes(ctx.form.get("scope"), ctx.tenant, true);
    if (isEntraError(scopes)) return fail(scopes);
    const accessToken = ctx.issuerKeys.appToken(ctx.tenant, app, scopes.resource, ctx.lifetimeInSeconds, client.appidacr === "2" ? "2" : "1");
    return jsonResult({
      token_type: "Bearer",
      expires_in: ctx.lifetimeInSeconds,
      ext_expires_in: ctx.lifetimeInSeconds,
      ...(ctx.refreshInSeconds !== undefined ? { refresh_in: ctx.refreshInSeconds } : {}),
      access_token: accessToken,
    });
  }

  const grant = redeemUserGrant(grantType, ctx, app);
  if (isEntraError(grant)) return fail(grant);
  const user = ctx.tenant.users.find((u) => u.username === grant.username);
  if (!user) return fail(EntraErrors.invalidCode());
  if (!app.consented) return fail(EntraErrors.consentRequired(app.clientId));
  const scopes = resolveScopes(ctx.form.get("scope") ?? grant.scope, ctx.tenant, false);
  if (isEntraError(scopes)) return fail(scopes);
  return jsonResult(userTokenResponse(ctx, app, user, scopes.resource, scopes.oidc, grant.nonce));
}

interface RedeemedGrant { readonly username: string; readonly scope: string; readonly nonce: string | undefined }

function redeemUserGrant(grantType: string, ctx: TokenEndpointContext, app: RegisteredApp): RedeemedGrant | EntraErrorSpec {
  const { form } = ctx;
  if (grantType === "authorization_code") {
    const code = form.get("code");
    if (!code) return EntraErrors.missingParameter("code");
    const grant = ctx.userFlows.takeCode(code);
    if (!grant || grant.expiresAt <= ctx.now || grant.clientId !== app.clientId || grant.tenantId !== ctx.tenant.id) return EntraErrors.invalidCode();
    if (form.get("redirect_uri") !== grant.redirectUri) return EntraErrors.redirectUriMismatch(form.get("redirect_uri") ?? "", app.clientId);
    if (grant.codeChallenge !== undefined) {
      const verifier = form.get("code_verifier") ?? "";
      const computed = grant.codeChallengeMethod === "S256" ? base64url(createHash("sha256").update(verifier).digest()) : verifier;
      if (computed !== grant.codeChallenge) return EntraErrors.pkceMismatch();
    } else if (app.publicClient) {
      return EntraErrors.publicClientNeedsPkce();
    }
    return { username: grant.username, scope: grant.scope, nonce: grant.nonce };
  }
  if (grantType === "refresh_token") {
    const token = form.get("refresh_token");
    if (!token) return EntraErrors.missingParameter("refresh_token");
    const grant = ctx.userFlows.refreshTokens.get(token);
    if (!grant || grant.clientId !== app.clientId || grant.tenantId !== ctx.tenant.id) return EntraErrors.invalidRefreshToken();
    return { username: grant.username, scope: grant.scope, nonce: undefined };
  }
  const deviceCode = form.get("device_code");
  if (!deviceCode) return EntraErrors.missingParameter("device_code");
  const grant = ctx.userFlows.deviceCodes.get(deviceCode);
  if (!grant || grant.clientId !== app.clientId || grant.state === "redeemed") return EntraErrors.invalidCode();
  if (grant.expiresAt <= ctx.now) return EntraErrors.deviceCodeExpired();
  if (grant.state === "declined") return EntraErrors.deviceCodeDeclined();
  if (grant.state === "pending" || !grant.username) return EntraErrors.authorizationPending();
  grant.state = "redeemed";
  return { username: grant.username, scope: grant.scope, nonce: undefined };
}

function userTokenResponse(ctx: TokenEndpointContext, app: RegisteredApp, user: RegisteredUser, resource: string, oidc: readonly string[], nonce: string | undefined) {
  const scope = app.delegatedScopes.map((s) => `${resource}/${s}`).join(" ");
  const refreshToken = ctx.userFlows.issueRefreshToken({ tenantId: ctx.tenant.id, clientId: app.clientId, username: user.username, scope: [...oidc, `${resource}/.default`].join(" ") });
  return {
    token_type: "Bearer",
    scope,
    expires_in: ctx.lifetimeInSeconds,
    ext_expires_in: ctx.lifetimeInSeconds,
    access_token: ctx.issuerKeys.userToken(ctx.tenant, app, user, resource, ctx.lifetimeInSeconds),
    refresh_token: refreshToken,
    id_token: ctx.issuerKeys.idToken(ctx.issuer, ctx.tenant, app, user, nonce),
    client_info: base64url(JSON.stringify({ uid: user.objectId, utid: ctx.tenant.id })),
  };
}
