import { generateKeyPairSync, createHash, randomBytes, randomUUID, type KeyObject } from "node:crypto";
import { base64url, decodeJwt, signJwt, verifyJwtSignature, type JwtClaims } from "./jwt.js";
import { BUSINESS_CENTRAL_RESOURCE, findTenant, type RegisteredApp, type RegisteredTenant, type RegisteredUser } from "./registrations.js";

export type AccessTokenValidation =
  | { readonly ok: true; readonly claims: AccessTokenClaims }
  | { readonly ok: false; readonly reason: "malformed" | "signature" | "expired" | "not_yet_valid" | "audience" | "issuer" | "tenant"; readonly message: string };

/** Claims of the v1-style access tokens the fake issues for Business Central. */
export interface AccessTokenClaims extends JwtClaims {
  readonly aud: string;
  readonly iss: string;
  readonly tid: string;
  readonly oid: string;
  readonly iat: number;
  readonly nbf: number;
  readonly exp: number;
  readonly ver: "1.0";
  readonly appid: string;
  readonly idtyp: "app" | "user";
  readonly roles?: readonly string[];
  readonly scp?: string;
  readonly upn?: string;
}

/**
 * The STS signing key and everything signed with it. A fresh RSA key per fake instance, so tokens
 * of one test run never validate against another.
 */
export class TokenIssuer {
  readonly #privateKey: KeyObject;
  readonly #publicKey: KeyObject;
  readonly kid: string;

  constructor(
    private readonly clock: () => number,
    private readonly tenants: () => readonly RegisteredTenant[],
  ) {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    this.#privateKey = privateKey;
    this.#publicKey = publicKey;
    this.kid = base64url(createHash("sha256").update(publicKey.export({ type: "spki", format: "der" })).digest()).slice(0, 27);
  }

  jwks(): { keys: Record<string, unknown>[] } {
    const jwk = this.#publicKey.export({ format: "jwk" });
    return { keys: [{ kty: "RSA", use: "sig", alg: "RS256", kid: this.kid, n: jwk.n, e: jwk.e }] };
  }

  /** App-only token (client credentials): `roles`, `idtyp: app`, `appidacr` 1 (secret) or 2 (certificate/assertion). */
  appToken(tenant: RegisteredTenant, app: RegisteredApp, resource: string, lifetimeInSeconds: number, appidacr: "1" | "2"): string {
    return this.#sign({
      ...this.#common(tenant, app, resource, lifetimeInSeconds),
      appidacr,
      idtyp: "app",
      oid: servicePrincipalId(tenant.id, app.clientId),
      sub: servicePrincipalId(tenant.id, app.clientId),
      roles: [...app.roles],
    });
  }

  /** Delegated token (user impersonation): `scp`, `upn`, `idtyp: user`. */
  userToken(tenant: RegisteredTenant, app: RegisteredApp, user: RegisteredUser, resource: string, lifetimeInSeconds: number): string {
    return this.#sign({
      ...this.#common(tenant, app, resource, lifetimeInSeconds),
      appidacr: app.publicClient ? "0" : "1",
      idtyp: "user",
      oid: user.objectId,
      sub: user.objectId,
      upn: user.username,
      unique_name: user.username,
      name: user.displayName,
      scp: app.delegatedScopes.join(" "),
    });
  }

  /** OIDC id token (v2.0) for MSAL's account object. */
  idToken(issuer: string, tenant: RegisteredTenant, app: RegisteredApp, user: RegisteredUser, nonce: string | undefined): string {
    const now = Math.floor(this.clock() / 1000);
    return this.#sign({
      aud: app.clientId, iss: issuer, tid: tenant.id, oid: user.objectId, sub: user.objectId,
      preferred_username: user.username, name: user.displayName, iat: now, nbf: now, exp: now + 3600, ver: "2.0",
      ...(nonce ? { nonce } : {}),
    });
  }

  validateAccessToken(token: string, audiences: readonly string[] = [BUSINESS_CENTRAL_RESOURCE]): AccessTokenValidation {
    const jwt = decodeJwt(token);
    if (!jwt) return { ok: false, reason: "malformed", message: "The token is not a JWT." };
    if (jwt.header.kid !== this.kid || !verifyJwtSignature(jwt, this.#publicKey)) {
      return { ok: false, reason: "signature", message: "The token signature is not valid for this authority." };
    }
    const c = jwt.claims as Partial<AccessTokenClaims>;
    const now = this.clock() / 1000;
    if (typeof c.exp !== "number" || c.exp <= now) return { ok: false, reason: "expired", message: "The token is expired." };
    if (typeof c.nbf === "number" && c.nbf > now + 300) return { ok: false, reason: "not_yet_valid", message: "The token is not valid yet." };
    if (typeof c.aud !== "string" || !audiences.includes(c.aud)) {
      return { ok: false, reason: "audience", message: `The token audience '${String(c.aud)}' is not ${audiences.join(" or ")}.` };
    }
    const tenant = typeof c.tid === "string" ? findTenant(this.tenants(), c.tid) : undefined;
    if (!tenant) return { ok: false, reason: "tenant", message: `The token tenant '${String(c.tid)}' is not registered.` };
    if (c.iss !== `https://sts.windows.net/${tenant.id}/`) return { ok: false, reason: "issuer", message: `The token issuer '${String(c.iss)}' is not expected.` };
    return { ok: true, claims: c as AccessTokenClaims };
  }

  #common(tenant: RegisteredTenant, app: RegisteredApp, resource: string, lifetimeInSeconds: number) {
    const now = Math.floor(this.clock() / 1000);
    return {
      aud: resource, iss: `https://sts.windows.net/${tenant.id}/`, iat: now, nbf: now, exp: now + lifetimeInSeconds,
      appid: app.clientId, app_displayname: app.displayName, tid: tenant.id, ver: "1.0" as const,
      uti: randomBytes(16).toString("base64url"), rh: "0.fake",
    };
  }

  #sign(claims: JwtClaims): string {
    return signJwt({ typ: "JWT", alg: "RS256", kid: this.kid, x5t: this.kid }, claims, this.#privateKey);
  }
}

/** Stable object id of an app's service principal in a tenant (derived, so tests can predict it). */
export function servicePrincipalId(tenantId: string, clientId: string): string {
  const h = createHash("sha256").update(`${tenantId}/${clientId}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function newOpaqueToken(): string {
  return `${randomUUID()}.${randomBytes(24).toString("base64url")}`;
}
