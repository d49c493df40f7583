import {
  ConfidentialClientApplication,
  CryptoProvider,
  PublicClientApplication,
  type AccountInfo,
  type AuthenticationResult,
  type Configuration,
  type ICachePlugin,
} from "@azure/msal-node";
import type { ResolvedAuthority } from "../authority.js";
import type { AuthLogger } from "../auth-logger.js";
import type { TokenCachePersistence } from "../delegated/token-cache-persistence.js";
import type { AuthenticationError } from "../errors/authentication-error.js";
import type { Redactor } from "../redactor.js";
import type { AccessToken } from "../token-provider.js";
import { HttpsNetworkClient, type HttpsNetworkClientOptions } from "./https-network-client.js";
import { mapMsalError } from "./map-msal-error.js";
import { msalLoggerOptions } from "./msal-logger.js";

/** The signed-in user, as the providers expose it. */
export interface SignedInAccount {
  readonly username: string;
  readonly name: string | undefined;
  readonly tenantId: string;
  readonly homeAccountId: string;
}

export interface DeviceCodePrompt {
  readonly userCode: string;
  readonly verificationUri: string;
  /** Entra's sentence for the user: "To sign in, use a web browser to open … and enter the code …". */
  readonly message: string;
  readonly expiresOnTimestamp: number;
}

export interface UserFlowClientSettings {
  readonly clientId: string;
  /** Present → confidential web app; absent → public client (CLI, desktop). */
  readonly clientSecret: string | undefined;
  readonly authority: ResolvedAuthority;
  readonly scopes: readonly string[];
  readonly persistence: TokenCachePersistence;
  readonly network: HttpsNetworkClientOptions;
  readonly logger: AuthLogger | undefined;
  readonly redactor: Redactor;
  readonly clock: () => number;
}

/** msal-node for delegated (user) flows: auth code + PKCE, refresh-token renewal, device code. */
export class UserFlowClient {
  readonly #app: ConfidentialClientApplication | PublicClientApplication;
  readonly #network: HttpsNetworkClient;
  readonly #crypto = new CryptoProvider();

  constructor(private readonly settings: UserFlowClientSettings) {
    this.#network = new HttpsNetworkClient(settings.network);
    const plugin: ICachePlugin = {
      beforeCacheAccess: async (ctx) => {
        const data = await settings.persistence.load();
        if (data) ctx.tokenCache.deserialize(data);
      },
      afterCacheAccess: async (ctx) => {
        if (ctx.cacheHasChanged) await settings.persistence.save(ctx.tokenCache.serialize());
      },
    };
    const config: Configuration = {
      auth: {
        clientId: settings.clientId,
        authority: settings.authority.authority,
        ...(settings.authority.knownAuthorities.length > 0 ? { knownAuthorities: [...settings.authority.knownAuthorities] } : {}),
        ...(settings.clientSecret ? { clientSecret: settings.clientSecret } : {}),
      },
      cache: { cachePlugin: plugin },
      system: { networkClient: this.#network, loggerOptions: msalLoggerOptions(settings.logger, settings.redactor) },
    };
    this.#app = settings.clientSecret ? new ConfidentialClientApplication(config) : new PublicClientApplication(config);
  }

  async createPkce(): Promise<{ verifier: string; challenge: string }> {
    return this.#crypto.generatePkceCodes();
  }

  newState(): string {
    return this.#crypto.createNewGuid();
  }

  authorizationUrl(request: { redirectUri: string; state: string; challenge: string; loginHint?: string; prompt?: string }): Promise<string> {
    return this.#app.getAuthCodeUrl({
      scopes: [...this.settings.scopes], redirectUri: request.redirectUri, state: request.state, responseMode: "query",
      codeChallenge: request.challenge, codeChallengeMethod: "S256",
      ...(request.loginHint ? { loginHint: request.loginHint } : {}), ...(request.prompt ? { prompt: request.prompt } : {}),
    });
  }

  async redeemCode(request: { code: string; redirectUri: string; verifier: string }): Promise<{ token: AccessToken; account: SignedInAccount }> {
    return this.#result(() => this.#app.acquireTokenByCode({ code: request.code, redirectUri: request.redirectUri, codeVerifier: request.verifier, scopes: [...this.settings.scopes] }));
  }

  async deviceCode(onPrompt: (prompt: DeviceCodePrompt) => void): Promise<{ token: AccessToken; account: SignedInAccount }> {
    if (!(this.#app instanceof PublicClientApplication)) throw new Error("device code needs a public client");
    const app = this.#app;
    return this.#result(async () => {
      const result = await app.acquireTokenByDeviceCode({
        scopes: [...this.settings.scopes],
        deviceCodeCallback: (r) => onPrompt({ userCode: r.userCode, verificationUri: r.verificationUri, message: r.message, expiresOnTimestamp: this.settings.clock() + r.expiresIn * 1000 }),
      });
      if (!result) throw new Error("device code sign-in was cancelled");
      return result;
    });
  }

  /** Renews with the refresh token (`forceRefresh`), as our cache decided a fetch is due. */
  async silent(homeAccountId: string, forceRefresh: boolean): Promise<{ token: AccessToken; account: SignedInAccount }> {
    const account = await this.#app.getTokenCache().getAccountByHomeId(homeAccountId);
    if (!account) throw Object.assign(new Error("No signed-in account in the token cache."), { name: "InteractionRequiredAuthError", errorCode: "no_tokens_found" });
    return this.#result(() => this.#app.acquireTokenSilent({ account, scopes: [...this.settings.scopes], forceRefresh }));
  }

  async accounts(): Promise<SignedInAccount[]> {
    return (await this.#app.getTokenCache().getAllAccounts()).map(toAccount);
  }

  async removeAccount(homeAccountId: string): Promise<void> {
    const cache = this.#app.getTokenCache();
    const account = await cache.getAccountByHomeId(homeAccountId);
    if (account) await cache.removeAccount(account);
  }

  mapError(error: unknown): AuthenticationError {
    return mapMsalError(error, {
      tenantId: this.settings.authority.tenantId, clientId: this.settings.clientId, redactor: this.settings.redactor,
      discoveryFailure: this.#network.lastDiscoveryFailure, postFailure: this.#network.lastPostFailure, delegated: true,
    });
  }

  async #result(call: () => Promise<AuthenticationResult>): Promise<{ token: AccessToken; account: SignedInAccount }> {
    const clockStart = this.settings.clock();
    const realStart = Date.now();
    this.#network.lastDiscoveryFailure = undefined;
    this.#network.lastPostFailure = undefined;
    const result = await call();
    if (!result.accessToken || !(result.expiresOn instanceof Date) || !result.account) {
      throw Object.assign(new Error("Entra ID answered without an access token or account."), { name: "ClientAuthError", errorCode: "token_parsing_error" });
    }
    return {
      token: { token: result.accessToken, tokenType: "Bearer", expiresOnTimestamp: clockStart + (result.expiresOn.getTime() - realStart) },
      account: toAccount(result.account),
    };
  }
}

function toAccount(a: AccountInfo): SignedInAccount {
  return { username: a.username, name: a.name, tenantId: a.tenantId, homeAccountId: a.homeAccountId };
}
