import { X509Certificate, createPublicKey, type KeyObject } from "node:crypto";
import { certificateThumbprints } from "./jwt.js";

/** The Business Central resource; client-credential scopes are `${resource}/.default`. */
export const BUSINESS_CENTRAL_RESOURCE = "https://api.businesscentral.dynamics.com";
export const DEFAULT_APP_ROLES: readonly string[] = ["API.ReadWrite.All", "Automation.ReadWrite.All"];
export const DEFAULT_DELEGATED_SCOPES: readonly string[] = ["user_impersonation", "Financials.ReadWrite.All"];

/** The demo tenant, app and user the fake registers when no tenants are given. Test-only values. */
export const FAKE_ENTRA_DEMO = {
  tenantId: "7b5c9e2a-4c1d-4e8f-9a3b-2d6f1e0c8b71",
  domain: "cronus-demo.onmicrosoft.com",
  clientId: "3f0e8d2c-6b1a-4c9e-8f7d-5a2b1c0e9d84",
  clientSecret: "demo~Secret.Value-For-The-Emulator-Only",
  username: "admin@cronus-demo.onmicrosoft.com",
  password: "demo-password",
  redirectUri: "http://localhost:3000/auth/callback",
} as const;

export interface SecretInput { readonly value: string; readonly expiresAt?: number }
export interface FederatedCredentialInput {
  /** `iss` of the external OIDC token, e.g. a Kubernetes service-account issuer. */
  readonly issuer: string;
  readonly subject: string;
  /** Default `api://AzureADTokenExchange`. */
  readonly audience?: string;
  /** Public key (PEM) that verifies the external token. */
  readonly publicKeyPem: string;
}
export interface AppInput {
  readonly clientId: string;
  readonly displayName?: string;
  readonly secrets?: readonly SecretInput[];
  /** Certificate credentials (PEM). Assertions are matched by `x5t#S256` or `x5t`. */
  readonly certificates?: readonly string[];
  readonly federatedCredentials?: readonly FederatedCredentialInput[];
  /** Application permissions on Business Central, issued as `roles`. */
  readonly roles?: readonly string[];
  /** Delegated permissions on Business Central, issued as `scp`. */
  readonly delegatedScopes?: readonly string[];
  readonly redirectUris?: readonly string[];
  /** A public client (no secret) may redeem codes and device codes without client credentials. */
  readonly publicClient?: boolean;
  /** false → users get AADSTS65001 (consent missing) in delegated flows. Default true. */
  readonly consented?: boolean;
  readonly enabled?: boolean;
}
export interface UserInput { readonly username: string; readonly password: string; readonly displayName?: string; readonly objectId?: string }
export interface TenantInput {
  readonly id: string;
  readonly domains?: readonly string[];
  /** false → Business Central is not provisioned in this tenant (AADSTS500011). Default true. */
  readonly bcProvisioned?: boolean;
  /** Extra resources (e.g. an on-premises BC App ID URI) that tokens may be requested for. */
  readonly resources?: readonly string[];
  readonly apps?: readonly AppInput[];
  readonly users?: readonly UserInput[];
}

export interface RegisteredCertificate { readonly pem: string; readonly x5t: string; readonly x5tS256: string; readonly publicKey: KeyObject; readonly validTo: number }
export interface RegisteredApp {
  clientId: string;
  displayName: string;
  secrets: SecretInput[];
  certificates: RegisteredCertificate[];
  federatedCredentials: (FederatedCredentialInput & { readonly key: KeyObject })[];
  roles: string[];
  delegatedScopes: string[];
  redirectUris: string[];
  publicClient: boolean;
  consented: boolean;
  enabled: boolean;
}
export interface RegisteredUser { username: string; password: string; displayName: string; objectId: string }
export interface RegisteredTenant {
  id: string;
  domains: string[];
  bcProvisioned: boolean;
  resources: string[];
  apps: RegisteredApp[];
  users: RegisteredUser[];
}

export function registerCertificate(pem: string): RegisteredCertificate {
  const cert = new X509Certificate(pem);
  return { pem, ...certificateThumbprints(cert.raw), publicKey: cert.publicKey, validTo: Date.parse(cert.validTo) };
}

export function registerApp(input: AppInput): RegisteredApp {
  return {
    clientId: input.clientId.toLowerCase(),
    displayName: input.displayName ?? "bcts app",
    secrets: [...(input.secrets ?? [])],
    certificates: (input.certificates ?? []).map(registerCertificate),
    federatedCredentials: (input.federatedCredentials ?? []).map((f) => ({ ...f, key: createPublicKey(f.publicKeyPem) })),
    roles: [...(input.roles ?? DEFAULT_APP_ROLES)],
    delegatedScopes: [...(input.delegatedScopes ?? DEFAULT_DELEGATED_SCOPES)],
    redirectUris: [...(input.redirectUris ?? [])],
    publicClient: input.publicClient ?? false,
    consented: input.consented ?? true,
    enabled: input.enabled ?? true,
  };
}

export function registerTenant(input: TenantInput): RegisteredTenant {
  return {
    id: input.id.toLowerCase(),
    domains: (input.domains ?? []).map((d) => d.toLowerCase()),
    bcProvisioned: input.bcProvisioned ?? true,
    resources: [BUSINESS_CENTRAL_RESOURCE, ...(input.resources ?? [])],
    apps: (input.apps ?? []).map(registerApp),
    users: (input.users ?? []).map((u, i) => ({
      username: u.username.toLowerCase(),
      password: u.password,
      displayName: u.displayName ?? u.username,
      objectId: u.objectId ?? `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`,
    })),
  };
}

/** The demo tenant: one app with a secret and the test client certificate, one user. */
export function demoTenantInput(clientCertificatePem?: string): TenantInput {
  return {
    id: FAKE_ENTRA_DEMO.tenantId,
    domains: [FAKE_ENTRA_DEMO.domain],
    apps: [{
      clientId: FAKE_ENTRA_DEMO.clientId,
      displayName: "bcts demo app",
      secrets: [{ value: FAKE_ENTRA_DEMO.clientSecret }],
      certificates: clientCertificatePem ? [clientCertificatePem] : [],
      redirectUris: [FAKE_ENTRA_DEMO.redirectUri],
    }],
    users: [{ username: FAKE_ENTRA_DEMO.username, password: FAKE_ENTRA_DEMO.password, displayName: "Demo Admin" }],
  };
}

/** Finds a tenant by GUID or one of its domain names (case-insensitive). */
export function findTenant(tenants: readonly RegisteredTenant[], idOrDomain: string): RegisteredTenant | undefined {
  const key = idOrDomain.toLowerCase();
  return tenants.find((t) => t.id === key || t.domains.includes(key));
}
