import { inspect } from "node:util";

/** What went wrong, for programs: the fields every authentication error carries. */
export interface AuthenticationErrorDetails {
  /** OAuth `error` or our own code: "invalid_client", "network_error", "timeout", "invalid_response", "invalid_configuration", … */
  readonly code: string;
  /** The AADSTS number from Entra ID, e.g. 7000215. */
  readonly aadsts?: number;
  /** HTTP status of the token endpoint, when one was received. */
  readonly status?: number;
  readonly tenantId?: string;
  readonly clientId?: string;
  /** The `client-request-id` MSAL sent; Entra echoes it as "Correlation ID". */
  readonly correlationId?: string;
  /** One sentence telling the user what to change. */
  readonly remedy?: string;
  /** The error is MSAL replaying an earlier 429/5xx from its throttle cache without a request. */
  readonly throttledByMsal?: boolean;
  /** How long the server asked to wait (Retry-After), if it did. */
  readonly retryAfterInMs?: number;
  /** The MSAL error code when MSAL raised it. */
  readonly msalErrorCode?: string;
}

/**
 * Base of every error @bcts/auth throws. Messages and fields never contain secrets, assertions,
 * private keys or tokens. Check the kind with `retryable` or the subclasses, not with the message.
 */
export class AuthenticationError extends Error {
  override readonly name: string = "AuthenticationError";
  readonly code: string;
  readonly aadsts: number | undefined;
  readonly status: number | undefined;
  readonly tenantId: string | undefined;
  readonly clientId: string | undefined;
  readonly correlationId: string | undefined;
  readonly remedy: string | undefined;
  readonly throttledByMsal: boolean;
  readonly retryAfterInMs: number | undefined;
  readonly msalErrorCode: string | undefined;
  /** Whether trying again later can succeed without changing configuration. */
  readonly retryable: boolean = false;

  constructor(message: string, details: AuthenticationErrorDetails, options?: { readonly cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = details.code;
    this.aadsts = details.aadsts;
    this.status = details.status;
    this.tenantId = details.tenantId;
    this.clientId = details.clientId;
    this.correlationId = details.correlationId;
    this.remedy = details.remedy;
    this.throttledByMsal = details.throttledByMsal ?? false;
    this.retryAfterInMs = details.retryAfterInMs;
    this.msalErrorCode = details.msalErrorCode;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name, message: this.message, code: this.code, aadsts: this.aadsts, status: this.status, tenantId: this.tenantId,
      clientId: this.clientId, correlationId: this.correlationId, remedy: this.remedy, retryable: this.retryable,
      throttledByMsal: this.throttledByMsal, retryAfterInMs: this.retryAfterInMs, msalErrorCode: this.msalErrorCode,
    };
  }

  [inspect.custom](): string {
    return `${this.stack ?? `${this.name}: ${this.message}`}\n${inspect(this.toJSON(), { breakLength: 120 })}`;
  }
}

/**
 * The configuration is wrong (secret, tenant, app, certificate, consent, scope …): retrying will not help.
 * `remedy` says what to change.
 *
 * @example
 * catch (e) { if (e instanceof AuthenticationConfigurationError) console.error(e.remedy); }
 */
export class AuthenticationConfigurationError extends AuthenticationError {
  override readonly name: string = "AuthenticationConfigurationError";
}

/** Entra ID or the network failed (5xx, 429, timeout, reset, malformed answer): retry later. */
export class TransientAuthenticationError extends AuthenticationError {
  override readonly name: string = "TransientAuthenticationError";
  override readonly retryable: boolean = true;
}

/** A delegated (user) session needs a new interactive sign-in: the refresh token expired or was revoked, or consent/MFA is required. */
export class InteractionRequiredError extends AuthenticationError {
  override readonly name: string = "InteractionRequiredError";
}
