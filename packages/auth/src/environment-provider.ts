import { ClientAssertionProvider } from "./client-assertion-provider.js";
import { ClientCertificateProvider } from "./client-certificate-provider.js";
import { ClientSecretProvider } from "./client-secret-provider.js";
import { AuthenticationConfigurationError } from "./errors/authentication-error.js";
import type { EntraProviderOptions } from "./provider-options.js";
import type { TokenProvider } from "./token-provider.js";
import { ManagedIdentityProvider } from "./managed-identity-provider.js";

export interface EnvironmentProviderOptions extends Partial<Omit<EntraProviderOptions, "tenantId" | "clientId">> {
  /** Default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * With no secret, certificate or federated token file set, use the host's managed identity
   * (user-assigned when AZURE_CLIENT_ID is set), as Azure SDK's DefaultAzureCredential does. Default true;
   * false restores "throw and name what is missing" (e.g. on developer machines, where IMDS does not exist).
   */
  readonly managedIdentity?: boolean;
}

/** The variables read, with the Azure SDK's names. */
export const ENVIRONMENT_VARIABLES = {
  tenantId: "AZURE_TENANT_ID",
  clientId: "AZURE_CLIENT_ID",
  clientSecret: "AZURE_CLIENT_SECRET",
  certificatePath: "AZURE_CLIENT_CERTIFICATE_PATH",
  certificatePassword: "AZURE_CLIENT_CERTIFICATE_PASSWORD",
  sendCertificateChain: "AZURE_CLIENT_SEND_CERTIFICATE_CHAIN",
  federatedTokenFile: "AZURE_FEDERATED_TOKEN_FILE",
  authorityHost: "AZURE_AUTHORITY_HOST",
} as const;

/**
 * Picks the provider from Azure SDK environment variables: secret, then certificate, then federated
 * token file (workload identity federation, e.g. AKS: AZURE_FEDERATED_TOKEN_FILE + AZURE_CLIENT_ID +
 * AZURE_TENANT_ID), then managed identity (AZURE_CLIENT_ID, if set, names a user-assigned identity).
 * Throws a configuration error naming what is missing when a credential is set but incomplete.
 *
 * @example
 * // AZURE_TENANT_ID=… AZURE_CLIENT_ID=… AZURE_CLIENT_SECRET=… node app.js → ClientSecretProvider
 * // AZURE_CLIENT_ID=<user-assigned identity> node app.js             → ManagedIdentityProvider
 * const credential = createTokenProviderFromEnvironment();
 */
export function createTokenProviderFromEnvironment(options: EnvironmentProviderOptions = {}): TokenProvider {
  const { env = process.env, managedIdentity = true, ...rest } = options;
  const V = ENVIRONMENT_VARIABLES;
  const get = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  const tenantId = get(V.tenantId);
  const clientId = get(V.clientId);
  const secret = get(V.clientSecret);
  const certificatePath = get(V.certificatePath);
  const tokenFile = get(V.federatedTokenFile);
  if (managedIdentity && !secret && !certificatePath && !tokenFile) {
    const { logger, onTokenEvent, refreshPolicy, clock, timeoutInMs, maxRetries } = rest;
    return new ManagedIdentityProvider({
      ...(clientId ? { clientId } : {}), ...(rest.resource ? { resource: rest.resource } : {}), ...(logger ? { logger } : {}), ...(onTokenEvent ? { onTokenEvent } : {}),
      ...(refreshPolicy ? { refreshPolicy } : {}), ...(clock ? { clock } : {}), ...(timeoutInMs !== undefined ? { timeoutInMs } : {}), ...(maxRetries !== undefined ? { maxRetries } : {}),
    });
  }
  const missing = [!tenantId && V.tenantId, !clientId && V.clientId, !secret && !certificatePath && !tokenFile && `one of ${V.clientSecret}, ${V.certificatePath}, ${V.federatedTokenFile}`].filter(Boolean);
  if (missing.length > 0 || !tenantId || !clientId) {
    const text = `set ${missing.join(" and ")}`;
    throw new AuthenticationConfigurationError(`Cannot create a token provider from the environment — ${text}.`, { code: "invalid_configuration", remedy: `${text}.` });
  }
  const authorityHost = rest.authorityHost ?? get(V.authorityHost);
  const common: EntraProviderOptions = { ...rest, tenantId, clientId, ...(authorityHost ? { authorityHost } : {}) };
  if (secret) return new ClientSecretProvider({ ...common, clientSecret: secret });
  if (certificatePath) {
    const passphrase = get(V.certificatePassword);
    return new ClientCertificateProvider({
      ...common, certificatePath, ...(passphrase ? { privateKeyPassphrase: passphrase } : {}),
      sendCertificateChain: /^(1|true)$/i.test(get(V.sendCertificateChain) ?? ""),
    });
  }
  return new ClientAssertionProvider({ ...common, assertionFile: tokenFile! });
}
