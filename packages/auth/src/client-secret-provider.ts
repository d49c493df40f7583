import { AuthenticationConfigurationError } from "./errors/authentication-error.js";
import { EntraTokenProvider } from "./entra-token-provider.js";
import type { EntraProviderOptions } from "./provider-options.js";

export interface ClientSecretProviderOptions extends EntraProviderOptions {
  /** The secret's **Value** (not its Secret ID) from Certificates & secrets. */
  readonly clientSecret: string;
}

/**
 * App-only (service-to-service) access with a client secret.
 *
 * @example
 * const credential = new ClientSecretProvider({ tenantId: "contoso.onmicrosoft.com", clientId, clientSecret: process.env.BC_SECRET! });
 * const { token } = await credential.getToken();
 * // Emulator: new ClientSecretProvider({ tenantId: emu.tenantId, clientId: emu.clientId, clientSecret: emu.clientSecret, authorityHost: emu.authorityHost, ca: emu.caPem })
 */
export class ClientSecretProvider extends EntraTokenProvider {
  constructor(options: ClientSecretProviderOptions) {
    const secret = options?.clientSecret;
    if (typeof secret !== "string" || secret.trim() === "") {
      throw new AuthenticationConfigurationError("ClientSecretProvider: clientSecret is missing — use the secret's Value from the app registration.", {
        code: "invalid_configuration", tenantId: options?.tenantId, clientId: options?.clientId, remedy: "Set clientSecret to the secret's Value (Certificates & secrets)." ,
      });
    }
    // The portal shows a GUID "Secret ID" next to the secret's Value; using it is the classic AADSTS7000215.
    const looksLikeSecretId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(secret.trim());
    const remedies = looksLikeSecretId
      ? { 7000215: "the configured clientSecret is a GUID, so it is probably the Secret ID — use the secret's Value instead (shown once, when the secret is created)." }
      : undefined;
    super("ClientSecretProvider", options, () => ({ kind: "secret", clientSecret: secret }), [secret], remedies);
  }
}
