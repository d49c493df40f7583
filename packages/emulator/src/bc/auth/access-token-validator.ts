/**
 * What the BC server needs from an identity provider: a verdict on a bearer token. Fake Entra's
 * `validateAccessToken` has this shape; tests can inject their own.
 */
export type BcTokenValidation =
  | { readonly ok: true; readonly claims: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly reason: string; readonly message: string };

export type BcTokenValidator = (token: string) => BcTokenValidation | Promise<BcTokenValidation>;

/** The token's caller, as BC identifies it for registrations and per-identity limits (§1.4, §7). */
export interface BcIdentity {
  readonly tenantId: string;
  readonly appId: string;
  /** App roles (app-only tokens) or delegated scopes (user tokens). */
  readonly roles: readonly string[];
  /** `oid` of the signed-in user for delegated tokens; undefined for app-only tokens. */
  readonly userId: string | undefined;
}
