import { EntraErrors } from "./entra-error.js";
import type { EndpointResult } from "./endpoint-result.js";
import type { RegisteredTenant } from "./registrations.js";
import { messagePage, signInPage } from "./sign-in-page.js";
import type { UserFlowStore } from "./user-flow-store.js";

const CODE_LIFETIME_MS = 10 * 60_000;
const CARRIED = ["client_id", "response_type", "redirect_uri", "scope", "state", "nonce", "code_challenge", "code_challenge_method", "response_mode", "prompt", "login_hint"] as const;

export interface AuthorizeContext {
  readonly tenant: RegisteredTenant;
  readonly method: string;
  /** Query parameters (GET) or the posted form (POST). */
  readonly params: URLSearchParams;
  readonly path: string;
  readonly now: number;
  readonly userFlows: UserFlowStore;
}

/**
 * GET  /{tenant}/oauth2/v2.0/authorize → sign-in page (errors about the client or redirect URI are shown, never redirected).
 * POST /{tenant}/oauth2/v2.0/authorize → checks the demo user, then 302 to `redirect_uri?code=…&state=…`.
 */
export function handleAuthorize(ctx: AuthorizeContext): EndpointResult {
  const p = ctx.params;
  const clientId = (p.get("client_id") ?? "").toLowerCase();
  const app = ctx.tenant.apps.find((a) => a.clientId === clientId);
  if (!app) return page(400, "Sign-in error", `AADSTS${EntraErrors.appNotFound(clientId, ctx.tenant.id).code}: ${EntraErrors.appNotFound(clientId, ctx.tenant.id).text}`);
  const redirectUri = p.get("redirect_uri") ?? "";
  if (!app.redirectUris.includes(redirectUri)) {
    const e = EntraErrors.redirectUriMismatch(redirectUri, clientId);
    return page(400, "Sign-in error", `AADSTS${e.code}: ${e.text}`);
  }
  const state = p.get("state") ?? undefined;
  if (p.get("response_type") !== "code") return redirect(redirectUri, { error: "unsupported_response_type", error_description: `AADSTS${EntraErrors.unsupportedResponseType().code}: ${EntraErrors.unsupportedResponseType().text}`, state });
  const hidden: Record<string, string> = {};
  for (const k of CARRIED) {
    const v = p.get(k);
    if (v !== null) hidden[k] = v;
  }
  if (ctx.method === "GET") return { status: 200, html: signInPage(ctx.path, hidden) };

  const username = (p.get("username") ?? "").toLowerCase();
  const user = ctx.tenant.users.find((u) => u.username === username);
  if (!user || user.password !== p.get("password")) {
    return { status: 200, html: signInPage(ctx.path, hidden, "AADSTS50126: Error validating credentials due to invalid username or password."), aadsts: 50126 };
  }
  if (!app.consented) {
    const e = EntraErrors.consentRequired(clientId);
    return redirect(redirectUri, { error: "consent_required", error_description: `AADSTS${e.code}: ${e.text}`, state });
  }
  const code = ctx.userFlows.issueCode({
    tenantId: ctx.tenant.id, clientId, redirectUri, username: user.username,
    codeChallenge: p.get("code_challenge") ?? undefined, codeChallengeMethod: p.get("code_challenge_method") ?? undefined,
    scope: p.get("scope") ?? "", nonce: p.get("nonce") ?? undefined, expiresAt: ctx.now + CODE_LIFETIME_MS,
  });
  return redirect(redirectUri, { code, state, session_state: "fake-session" });
}

function redirect(redirectUri: string, params: Record<string, string | undefined>): EndpointResult {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return { status: 302, headers: { location: url.toString() } };
}

function page(status: number, title: string, message: string): EndpointResult {
  return { status, html: messagePage(title, message) };
}
