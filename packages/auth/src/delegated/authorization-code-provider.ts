import { AuthenticationConfigurationError, InteractionRequiredError } from "../errors/authentication-error.js";
import { remedyFor } from "../errors/remedies.js";
import type { SignedInAccount } from "../msal/user-flow-client.js";
import type { AccessToken } from "../token-provider.js";
import { DelegatedUserProvider, type DelegatedUserOptions } from "./delegated-user-provider.js";
import { MemoryPendingSignInStore, type PendingSignInStore } from "./pending-sign-in-store.js";

export interface AuthorizationCodeProviderOptions extends DelegatedUserOptions {
  /** Registered on the app (Authentication → Web), e.g. https://app.contoso.com/auth/callback. */
  readonly redirectUri: string;
  /** The web app's secret Value. Omit for a public client (PKCE only). */
  readonly clientSecret?: string;
  /** How long an authorization URL stays redeemable. Default 15 minutes. */
  readonly signInTimeoutInMs?: number;
  /** Where PKCE verifiers wait for the callback. Default: this process's memory. */
  readonly pendingSignIns?: PendingSignInStore;
}

export interface AuthorizationUrl {
  /** Open it yourself or send it to the person who should sign in (seed 004): their permissions are used. */
  readonly url: string;
  readonly state: string;
  readonly expiresOnTimestamp: number;
}


/**
 * Delegated access ("user impersonation") for web apps: authorization code + PKCE, then silent
 * renewal with the refresh token. The authorization URL can be handed to another person; whoever
 * signs in is the user the integration acts as. The PKCE verifier waits in `pendingSignIns`.
 *
 * @example
 * const user = new AuthorizationCodeProvider({ tenantId, clientId, clientSecret, redirectUri: "https://app.contoso.com/auth/callback", tokenCache: new FileTokenCachePersistence(".bc-user.json") });
 * const { url } = await user.createAuthorizationUrl();          // send to the BC user
 * // GET /auth/callback?code=…&state=…  →
 * await user.completeSignIn(request.url);
 * await user.getToken();                                       // renewed silently from now on
 */
export class AuthorizationCodeProvider extends DelegatedUserProvider {
  readonly redirectUri: string;
  readonly #pending: PendingSignInStore;
  readonly #signInTimeoutInMs: number;

  constructor(options: AuthorizationCodeProviderOptions) {
    if (!options?.redirectUri || !/^https?:\/\//.test(options.redirectUri)) {
      throw new AuthenticationConfigurationError("AuthorizationCodeProvider: redirectUri is missing — use the Web redirect URI registered on the app.", { code: "invalid_configuration", remedy: "use the Web redirect URI registered on the app." });
    }
    super("AuthorizationCodeProvider", options, options.clientSecret);
    this.redirectUri = options.redirectUri;
    this.#signInTimeoutInMs = options.signInTimeoutInMs ?? 15 * 60_000;
    this.#pending = options.pendingSignIns ?? new MemoryPendingSignInStore();
  }

  /** Builds the sign-in URL (PKCE S256, a fresh `state`); the verifier stays in this process. */
  async createAuthorizationUrl(options: { readonly loginHint?: string; readonly prompt?: "login" | "select_account" | "consent" } = {}): Promise<AuthorizationUrl> {
    const now = this.clock();
    const { verifier, challenge } = await this.client.createPkce();
    const state = this.client.newState();
    let url: string;
    try {
      url = await this.client.authorizationUrl({ redirectUri: this.redirectUri, state, challenge, ...options });
    } catch (e) {
      throw this.client.mapError(e);
    }
    const expiresOnTimestamp = now + this.#signInTimeoutInMs;
    await this.#pending.save(state, { codeVerifier: verifier, expiresOnTimestamp });
    return { url, state, expiresOnTimestamp };
  }

  /** Redeems the redirect (`?code=…&state=…`, or `?error=…`) and remembers the user. */
  async completeSignIn(callback: string | URL | { readonly code: string; readonly state: string }): Promise<SignedInAccount> {
    const params = typeof callback === "object" && !(callback instanceof URL) ? new URLSearchParams({ code: callback.code, state: callback.state }) : new URL(callback, this.redirectUri).searchParams;
    const error = params.get("error");
    if (error) {
      const description = params.get("error_description") ?? "";
      const aadsts = Number(/AADSTS(\d+)/.exec(description)?.[1]) || undefined;
      const remedy = remedyFor(aadsts) ?? "ask the user to sign in again.";
      throw new InteractionRequiredError(`Sign-in failed: ${error}${aadsts ? ` AADSTS${aadsts}` : ""}: ${description.split(/\r?\n/)[0]} Remedy: ${remedy}`, { code: error, aadsts, tenantId: this.tenantId, clientId: this.clientId, remedy });
    }
    const state = params.get("state") ?? "";
    const pending = state ? await this.#pending.take(state) : undefined;
    if (!pending || pending.expiresOnTimestamp <= this.clock()) {
      throw new InteractionRequiredError("Sign-in failed: unknown or expired state — create a new authorization URL (with the default store it is valid only in the process that created it, for 15 minutes).", { code: "state_mismatch", tenantId: this.tenantId, clientId: this.clientId, remedy: "create a new authorization URL." });
    }
    const started = this.clock();
    try {
      const { token, account } = await this.client.redeemCode({ code: params.get("code") ?? "", redirectUri: this.redirectUri, verifier: pending.codeVerifier });
      this.signedIn(account, token, started);
      return account;
    } catch (e) {
      throw this.client.mapError(e);
    }
  }

  protected signInRequired(): Promise<AccessToken> {
    return Promise.reject(new InteractionRequiredError("No user is signed in — call createAuthorizationUrl(), let the user sign in, then completeSignIn(callbackUrl).", {
      code: "no_account", tenantId: this.tenantId, clientId: this.clientId, remedy: "create an authorization URL and complete the sign-in.",
    }));
  }
}
