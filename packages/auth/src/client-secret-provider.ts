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
    super("ClientSecretProvider", options, () => ({ kind: "secret", clientSecret: secret }), [secret]);
  }
}
