import { ConfidentialClientApplication, type Configuration } from "@azure/msal-node";
import type { AccessToken } from "../token-provider.js";
import { TransientAuthenticationError, type AuthenticationError } from "../errors/authentication-error.js";
import type { ResolvedAuthority } from "../authority.js";
import type { AuthLogger } from "../auth-logger.js";
import type { Redactor } from "../redactor.js";
import { HttpsNetworkClient, type HttpsNetworkClientOptions } from "./https-network-client.js";
import { mapMsalError } from "./map-msal-error.js";
import { msalLoggerOptions } from "./msal-logger.js";
import { toAccessToken } from "./to-access-token.js";

/** How the app proves itself to Entra ID. */
export type ConfidentialCredential =
  | { readonly kind: "secret"; readonly clientSecret: string }
  | { readonly kind: "certificate"; readonly thumbprintSha256: string; readonly privateKeyPem: string; readonly x5c?: string }
  | { readonly kind: "assertion"; readonly getAssertion: (context: { readonly clientId: string; readonly tokenEndpoint: string }) => Promise<string> };

export interface ConfidentialClientSettings {
  readonly clientId: string;
  readonly authority: ResolvedAuthority;
  readonly scopes: readonly string[];
  readonly credential: ConfidentialCredential;
  readonly network: HttpsNetworkClientOptions;
  readonly logger: AuthLogger | undefined;
  readonly redactor: Redactor;
  readonly clock: () => number;
  readonly remedies?: Readonly<Record<number, string>>;
}

/**
 * One msal-node ConfidentialClientApplication (one per provider = per tenant) driven by our cache:
 * every call is a network fetch (`skipCache: true`), because the wrapper already decided it needs one.
 */
export class ConfidentialClient {
  readonly #app: ConfidentialClientApplication;
  readonly #network: HttpsNetworkClient;

  constructor(private readonly settings: ConfidentialClientSettings) {
    this.#network = new HttpsNetworkClient(settings.network);
    const { credential, authority } = settings;
    const auth: Configuration["auth"] = {
      clientId: settings.clientId,
      authority: authority.authority,
      ...(authority.knownAuthorities.length > 0 ? { knownAuthorities: [...authority.knownAuthorities] } : {}),
      ...(credential.kind === "secret" ? { clientSecret: credential.clientSecret } : {}),
      ...(credential.kind === "certificate"
        ? { clientCertificate: { thumbprintSha256: credential.thumbprintSha256, privateKey: credential.privateKeyPem, ...(credential.x5c ? { x5c: credential.x5c } : {}) } }
        : {}),
      ...(credential.kind === "assertion" ? { clientAssertion: (c: { clientId: string; tokenEndpoint?: string }) => credential.getAssertion({ clientId: c.clientId, tokenEndpoint: c.tokenEndpoint ?? "" }) } : {}),
    };
    this.#app = new ConfidentialClientApplication({
      auth,
      system: { networkClient: this.#network, loggerOptions: msalLoggerOptions(settings.logger, settings.redactor) },
    });
  }

  async acquire(): Promise<AccessToken> {
    const clockStart = this.settings.clock();
    const realStart = Date.now();
    this.#network.lastDiscoveryFailure = undefined;
    const result = await this.#app.acquireTokenByClientCredential({
      scopes: [...this.settings.scopes],
      skipCache: true,
      // MSAL_FORCE_REGION in the environment would otherwise switch endpoints silently (msal-node-notes §10).
      azureRegion: "DisableMsalForceRegion",
    });
    if (!result || !result.accessToken || !(result.expiresOn instanceof Date)) {
      throw new TransientAuthenticationError(
        `Entra ID answered without an access token (tenant ${this.settings.authority.tenantId}, client ${this.settings.clientId}).`,
        { code: "invalid_response", tenantId: this.settings.authority.tenantId, clientId: this.settings.clientId, remedy: "Entra ID or a proxy returned an unusable answer; retry later." },
      );
    }
    return toAccessToken({ accessToken: result.accessToken, expiresOn: result.expiresOn, refreshOn: result.refreshOn }, { clockStart, realStart });
  }

  mapError(error: unknown): AuthenticationError {
    return mapMsalError(error, {
      tenantId: this.settings.authority.tenantId,
      clientId: this.settings.clientId,
      redactor: this.settings.redactor,
      discoveryFailure: this.#network.lastDiscoveryFailure,
      ...(this.settings.remedies ? { remedies: this.settings.remedies } : {}),
    });
  }
}
