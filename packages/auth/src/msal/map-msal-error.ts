import {
  AuthenticationConfigurationError,
  AuthenticationError,
  InteractionRequiredError,
  TransientAuthenticationError,
  type AuthenticationErrorDetails,
} from "../errors/authentication-error.js";
import { remedyFor } from "../errors/remedies.js";
import type { Redactor } from "../redactor.js";
import { transportFailureOf } from "./https-network-client.js";

export interface MsalErrorContext {
  readonly tenantId: string | undefined;
  readonly clientId: string | undefined;
  readonly redactor: Redactor;
  /** A failed OIDC discovery GET (MSAL reports only "endpoints_resolution_error"). */
  readonly discoveryFailure?: { readonly status: number; readonly body: Record<string, unknown> | undefined } | undefined;
  /** The last 4xx answer to a POST (device-code errors arrive from MSAL without their AADSTS details). */
  readonly postFailure?: { readonly status: number; readonly body: Record<string, unknown> | undefined } | undefined;
  /** Provider-specific remedies that replace the generic ones (e.g. "your secret looks like a Secret ID"). */
  readonly remedies?: Readonly<Record<number, string>>;
  /** User flows: invalid_grant & co. mean "sign in again", not "fix the configuration". */
  readonly delegated?: boolean;
}

type MsalLike = Error & { errorCode?: string; errorMessage?: string; subError?: string; correlationId?: string; status?: number; errorNo?: string | number };

const TRANSIENT_CLIENT_CODES = new Set(["network_error", "token_parsing_error", "endpoints_resolution_error", "no_network_connectivity", "request_timeout"]);
const USER_DEVICE_CODE_ERRORS = new Set(["authorization_declined", "expired_token", "bad_verification_code", "access_denied", "code_expired"]);
const USER_INTERACTION_CODES = new Set(["invalid_grant", "interaction_required", "consent_required", "login_required", "no_tokens_found", "refresh_token_expired", "native_account_unavailable"]);

/**
 * MSAL (or transport) error → one of our classes, by `name`/`errorCode`/`status` (never `instanceof`
 * across packages, msal-node-notes §11). The message names tenant, client, AADSTS code and remedy.
 */
export function mapMsalError(error: unknown, ctx: MsalErrorContext): AuthenticationError {
  if (error instanceof AuthenticationError) return error;
  const base = { tenantId: ctx.tenantId, clientId: ctx.clientId };
  const transport = transportFailureOf(error);
  const e = (error instanceof Error ? error : new Error(String(error))) as MsalLike;
  const correlationId = e.correlationId || undefined;

  if (transport) {
    const code = transport.error ?? (transport.kind === "timeout" ? "timeout" : transport.kind === "network" ? "network_error" : "invalid_response");
    return build(TransientAuthenticationError, ctx, e.errorMessage || e.message, {
      ...base, code, status: transport.status, aadsts: transport.aadsts, retryAfterInMs: transport.retryAfterInMs, correlationId, msalErrorCode: e.errorCode,
    });
  }

  if (e.errorCode === "endpoints_resolution_error" && ctx.discoveryFailure) {
    const body = ctx.discoveryFailure.body;
    const aadsts = Array.isArray(body?.error_codes) && typeof body.error_codes[0] === "number" ? body.error_codes[0] : undefined;
    const Kind = ctx.discoveryFailure.status >= 500 || ctx.discoveryFailure.status === 429 ? TransientAuthenticationError : AuthenticationConfigurationError;
    return build(Kind, ctx, describe(typeof body?.error_description === "string" ? body.error_description : `authority metadata request failed with HTTP ${ctx.discoveryFailure.status}`), {
      ...base, code: typeof body?.error === "string" ? body.error : "endpoints_resolution_error", aadsts, status: ctx.discoveryFailure.status, correlationId, msalErrorCode: e.errorCode,
    });
  }

  if (e.name === "ServerError" || e.name === "InteractionRequiredAuthError") {
    const throttled = e.status === undefined && /^\d+(,\d+)*$/.test(e.errorCode ?? "");
    const aadsts = numberOrUndefined(e.errorNo) ?? (throttled ? numberOrUndefined(e.errorCode?.split(",")[0]) : undefined) ?? aadstsIn(e.errorMessage);
    const details: AuthenticationErrorDetails = {
      ...base, code: throttled ? "throttled" : e.errorCode ?? "server_error", aadsts, status: e.status, correlationId, throttledByMsal: throttled, msalErrorCode: e.errorCode,
    };
    const text = describe(e.errorMessage || e.message);
    if (throttled || (e.status !== undefined && (e.status >= 500 || e.status === 429))) return build(TransientAuthenticationError, ctx, text, details);
    if (ctx.delegated && (e.name === "InteractionRequiredAuthError" || USER_INTERACTION_CODES.has(e.errorCode ?? ""))) return build(InteractionRequiredError, ctx, text, details);
    return build(AuthenticationConfigurationError, ctx, text, details);
  }

  const details: AuthenticationErrorDetails = { ...base, code: e.errorCode ?? "invalid_configuration", correlationId, msalErrorCode: e.errorCode };
  if (e.name === "InteractionRequiredAuthError" || (ctx.delegated && USER_INTERACTION_CODES.has(e.errorCode ?? ""))) {
    return build(InteractionRequiredError, ctx, e.errorMessage || e.message, details);
  }
  // Device-code requests end with post_request_failed + only the server's `error`; the body has the rest.
  if (e.errorCode === "post_request_failed") {
    const body = ctx.postFailure?.body;
    const code = typeof body?.error === "string" ? body.error : e.errorMessage || "post_request_failed";
    const aadsts = Array.isArray(body?.error_codes) && typeof body.error_codes[0] === "number" ? body.error_codes[0] : undefined;
    const text = typeof body?.error_description === "string" ? describe(body.error_description) : code;
    const Kind = USER_DEVICE_CODE_ERRORS.has(code) ? InteractionRequiredError : AuthenticationConfigurationError;
    return build(Kind, ctx, text, { ...details, code, aadsts, status: ctx.postFailure?.status });
  }
  if (e.errorCode && TRANSIENT_CLIENT_CODES.has(e.errorCode)) return build(TransientAuthenticationError, ctx, e.errorMessage || e.message, details);
  // ClientConfigurationError, ClientAuthError (invalid_client_credential, invalid_assertion, …) and non-MSAL errors
  // (key handling, an assertion callback that threw) are configuration problems.
  return build(AuthenticationConfigurationError, ctx, e.errorMessage || e.message, details);
}

function build(
  Kind: new (message: string, details: AuthenticationErrorDetails) => AuthenticationError,
  ctx: MsalErrorContext,
  text: string,
  details: AuthenticationErrorDetails,
): AuthenticationError {
  const remedy = details.remedy ?? (details.aadsts !== undefined ? ctx.remedies?.[details.aadsts] : undefined) ?? remedyFor(details.aadsts) ?? (Kind === TransientAuthenticationError ? "Entra ID or the network failed; the request can be retried later." : undefined);
  const where = `tenant ${ctx.tenantId ?? "?"}, client ${ctx.clientId ?? "?"}`;
  const what = [details.aadsts !== undefined ? `AADSTS${details.aadsts}` : undefined, details.code, details.status !== undefined ? `HTTP ${details.status}` : undefined]
    .filter(Boolean)
    .join(", ");
  const message = `Could not get a Business Central token (${where}): ${what}: ${text}${remedy ? ` Remedy: ${remedy}` : ""}`;
  return new Kind(ctx.redactor.redact(message), { ...details, remedy: remedy === undefined ? undefined : ctx.redactor.redact(remedy) });
}

/** The human part of an Entra description: "AADSTS7000215: Invalid client secret…", without trace lines. */
function describe(text: string): string {
  const m = /AADSTS\d+:\s*([^\r\n]*?)(?:\s*(?:\r\n|\\r\\n|Trace ID:|$))/.exec(text);
  return (m?.[1] ?? text.split(/\r?\n/)[0] ?? text).trim();
}

function aadstsIn(text: string | undefined): number | undefined {
  const m = text ? /AADSTS(\d+)/.exec(text) : null;
  return m ? Number(m[1]) : undefined;
}

function numberOrUndefined(v: unknown): number | undefined {
  const n = typeof v === "number" ? v : typeof v === "string" && v !== "" ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}
