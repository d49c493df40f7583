import { EntraErrors, type EntraErrorSpec } from "./entra-error.js";
import type { RegisteredTenant } from "./registrations.js";

const OIDC_SCOPES = new Set(["openid", "profile", "offline_access", "email"]);

export interface ResolvedScopes {
  /** The resource the access token is for (its `aud`). */
  readonly resource: string;
  readonly oidc: readonly string[];
  readonly resourceScopes: readonly string[];
}

/**
 * Splits `scope` into OIDC scopes and scopes of one resource, as Entra does.
 * Client credentials require exactly `<resource>/.default` (AADSTS1002012).
 */
export function resolveScopes(scope: string | null, tenant: RegisteredTenant, clientCredentials: boolean): ResolvedScopes | EntraErrorSpec {
  if (!scope) return EntraErrors.missingParameter("scope");
  const all = scope.split(/\s+/).filter(Boolean);
  const oidc = all.filter((s) => OIDC_SCOPES.has(s));
  const resourceScopes = all.filter((s) => !OIDC_SCOPES.has(s));
  const resources = new Set(resourceScopes.map(resourceOf));
  if (resources.size > 1) return EntraErrors.scopeSeveralResources();
  if (clientCredentials && (resourceScopes.length !== 1 || !resourceScopes[0]!.endsWith("/.default"))) return EntraErrors.scopeNotDefault(scope);
  const resource = [...resources][0] ?? tenant.resources[0]!;
  if (!tenant.resources.includes(resource) || (resource === tenant.resources[0] && !tenant.bcProvisioned)) {
    return EntraErrors.resourceNotFound(resource, tenant.id);
  }
  return { resource, oidc, resourceScopes };
}

function resourceOf(scope: string): string {
  const i = scope.lastIndexOf("/");
  return i > "https://".length ? scope.slice(0, i) : scope;
}

export function isEntraError(x: unknown): x is EntraErrorSpec {
  return typeof x === "object" && x !== null && "code" in x && "error" in x && "status" in x;
}
