import type { DeviceCodePrompt } from "../msal/user-flow-client.js";
import type { AccessToken } from "../token-provider.js";
import { DelegatedUserProvider, type DelegatedUserOptions } from "./delegated-user-provider.js";

export interface DeviceCodeProviderOptions extends DelegatedUserOptions {
  /** Shows the code to the user. Default: writes Entra's message to stderr. */
  readonly onDeviceCode?: (prompt: DeviceCodePrompt) => void;
}

/**
 * Delegated access for CLIs: the first getToken prints a code to enter at the verification page on
 * any device; afterwards the refresh token renews silently (persist it with FileTokenCachePersistence).
 * The app registration must allow public client flows.
 *
 * @example
 * const user = new DeviceCodeProvider({ tenantId, clientId, tokenCache: new FileTokenCachePersistence(join(homedir(), ".bcts", "token-cache.json")) });
 * await user.getToken(); // "To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code …"
 */
export class DeviceCodeProvider extends DelegatedUserProvider {
  readonly #onDeviceCode: (prompt: DeviceCodePrompt) => void;

  constructor(options: DeviceCodeProviderOptions) {
    super("DeviceCodeProvider", options, undefined);
    this.#onDeviceCode = options.onDeviceCode ?? ((p) => void process.stderr.write(`${p.message}\n`));
  }

  protected async signInRequired(): Promise<AccessToken> {
    const started = this.clock();
    const { token, account } = await this.client.deviceCode(this.#onDeviceCode);
    return this.signedIn(account, token, started);
  }
}
