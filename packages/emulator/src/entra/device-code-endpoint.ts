import { authenticateClient } from "./client-authentication.js";
import { errorResult, jsonResult, type EndpointResult } from "./endpoint-result.js";
import { EntraErrors } from "./entra-error.js";
import type { RegisteredTenant } from "./registrations.js";
import { isEntraError, resolveScopes } from "./scopes.js";
import { messagePage } from "./sign-in-page.js";
import type { UserFlowStore } from "./user-flow-store.js";

const DEVICE_CODE_LIFETIME_SECONDS = 900;

export interface DeviceCodeContext {
  readonly tenant: RegisteredTenant;
  readonly tenants: readonly RegisteredTenant[];
  readonly form: URLSearchParams;
  readonly authorizationHeader: string | undefined;
  readonly correlationId: string | undefined;
  readonly now: number;
  readonly origin: string;
  readonly intervalInSeconds: number;
  readonly userFlows: UserFlowStore;
}

/** POST /{tenant}/oauth2/v2.0/devicecode → user code + verification URI (`${origin}/devicelogin`). */
export function handleDeviceCode(ctx: DeviceCodeContext): EndpointResult {
  const client = authenticateClient({ ...ctx, allowPublicClient: true });
  if (!client.ok) return errorResult(client.error, ctx.now, ctx.correlationId);
  const scope = ctx.form.get("scope");
  const scopes = resolveScopes(scope, ctx.tenant, false);
  if (isEntraError(scopes)) return errorResult(scopes, ctx.now, ctx.correlationId);
  const { deviceCode, userCode } = ctx.userFlows.issueDeviceCode({
    tenantId: ctx.tenant.id, clientId: client.app.clientId, scope: scope ?? "", expiresAt: ctx.now + DEVICE_CODE_LIFETIME_SECONDS * 1000,
  });
  const verificationUri = `${ctx.origin}/devicelogin`;
  return jsonResult({
    user_code: userCode,
    device_code: deviceCode,
    verification_uri: verificationUri,
    expires_in: DEVICE_CODE_LIFETIME_SECONDS,
    interval: ctx.intervalInSeconds,
    message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
  });
}

/** POST /devicelogin (form: code, username, password) — the page a user visits on another device. */
export function handleDeviceLogin(method: string, form: URLSearchParams, tenants: readonly RegisteredTenant[], userFlows: UserFlowStore, now: number): EndpointResult {
  if (method === "GET") {
    return { status: 200, html: messagePage("Enter code", "POST code, username and password to /devicelogin to approve a device sign-in.") };
  }
  const grant = userFlows.findDeviceCodeByUserCode(form.get("code") ?? "");
  if (!grant || grant.expiresAt <= now || grant.state !== "pending") return { status: 400, html: messagePage("Sign-in error", `AADSTS${EntraErrors.deviceCodeExpired().code}: ${EntraErrors.deviceCodeExpired().text}`) };
  const tenant = tenants.find((t) => t.id === grant.tenantId);
  const user = tenant?.users.find((u) => u.username === (form.get("username") ?? "").toLowerCase());
  if (!user || user.password !== form.get("password")) return { status: 200, html: messagePage("Sign-in error", "AADSTS50126: Error validating credentials due to invalid username or password."), aadsts: 50126 };
  if (form.get("decline") === "true") grant.state = "declined";
  else ((grant.state = "approved"), (grant.username = user.username));
  return { status: 200, html: messagePage("Signed in", "You have signed in to the application on your device. You may now close this window.") };
}
