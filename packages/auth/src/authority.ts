import { AuthenticationConfigurationError } from "./errors/authentication-error.js";

export const DEFAULT_AUTHORITY_HOST = "https://login.microsoftonline.com";
export const BUSINESS_CENTRAL_RESOURCE = "https://api.businesscentral.dynamics.com";
export const BUSINESS_CENTRAL_DEFAULT_SCOPE = `${BUSINESS_CENTRAL_RESOURCE}/.default`;

// Hosts msal-node knows (it has their metadata built in); any other host must be a "known authority".
const MICROSOFT_HOSTS = new Set([
  "login.microsoftonline.com", "login.microsoft.com", "login.windows.net", "sts.windows.net", "login.microsoftonline.us",
  "login-us.microsoftonline.com", "login.usgovcloudapi.net", "login.chinacloudapi.cn", "login.partner.microsoftonline.cn", "login.microsoftonline.de",
]);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{3,253}$)([a-z0-9-]+\.)+[a-z0-9-]{2,}$/i;

export interface AuthorityOptions {
  readonly tenantId: string;
  /** Default https://login.microsoftonline.com. The emulator passes its https origin. */
  readonly authorityHost?: string;
  /** A full authority URL, replacing authorityHost + tenantId (e.g. BC on-premises with its own Entra/ADFS authority). */
  readonly authority?: string;
}

export interface ResolvedAuthority {
  readonly tenantId: string;
  readonly authority: string;
  /** `host:port` for msal-node's knownAuthorities when the host is not a Microsoft cloud, else empty. */
  readonly knownAuthorities: readonly string[];
}

/** Validates the tenant and builds the authority once, so configuration errors surface in the constructor. */
export function resolveAuthority(options: AuthorityOptions): ResolvedAuthority {
  const tenantId = (options.tenantId ?? "").trim();
  if (!tenantId) throw configError("tenantId is missing — set it to the Directory (tenant) ID GUID or a verified domain.");
  if (["common", "organizations", "consumers"].includes(tenantId.toLowerCase())) {
    throw configError(`tenantId '${tenantId}' is not a tenant — Business Central needs the tenant id (GUID) or a verified domain such as contoso.onmicrosoft.com.`);
  }
  if (!GUID.test(tenantId) && !DOMAIN.test(tenantId)) {
    throw configError(`tenantId '${tenantId}' is neither a GUID nor a domain name — copy the Directory (tenant) ID from the Entra admin center.`);
  }
  const raw = options.authority ?? `${(options.authorityHost ?? DEFAULT_AUTHORITY_HOST).replace(/\/+$/, "")}/${tenantId}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw configError(`authority '${raw}' is not a URL — use e.g. https://login.microsoftonline.com.`);
  }
  if (url.protocol !== "https:") throw configError(`authority '${raw}' must use https (Entra ID and msal-node refuse plain http).`);
  const authority = url.toString().replace(/\/+$/, "");
  return { tenantId, authority, knownAuthorities: MICROSOFT_HOSTS.has(url.hostname.toLowerCase()) ? [] : [url.host] };
}

export function resolveScopes(scopes: readonly string[] | undefined, resource: string | undefined): string[] {
  if (scopes && scopes.length > 0) return [...scopes];
  return [`${(resource ?? BUSINESS_CENTRAL_RESOURCE).replace(/\/+$/, "")}/.default`];
}

function configError(message: string): AuthenticationConfigurationError {
  return new AuthenticationConfigurationError(message, { code: "invalid_configuration", remedy: message.split(" — ")[1] ?? message });
}
