import { inspect } from "node:util";
import { reportTokenOutcome } from "../auth-logger.js";
import { resolveAuthority, resolveScopes } from "../authority.js";
import { AuthenticationConfigurationError, InteractionRequiredError } from "../errors/authentication-error.js";
import { UserFlowClient, type SignedInAccount } from "../msal/user-flow-client.js";
import { mapMsalError } from "../msal/map-msal-error.js";
import type { EntraProviderOptions } from "../provider-options.js";
import { Redactor } from "../redactor.js";
import { RefreshingTokenCache, type RefreshOutcome } from "../refreshing-token-cache.js";
import { resolveRefreshPolicy } from "../refresh-policy.js";
import type { AccessToken, GetTokenOptions, TokenProvider } from "../token-provider.js";
import { MemoryTokenCachePersistence, type TokenCachePersistence } from "./token-cache-persistence.js";

export interface DelegatedUserOptions extends EntraProviderOptions {
  /** Where accounts and refresh tokens live between runs. Default: memory. Use FileTokenCachePersistence for a CLI. */
  readonly tokenCache?: TokenCachePersistence;
  /** Which cached account to use when several signed in. Default: the only one. */
  readonly username?: string;
}

/**
 * Shared part of the user-impersonation providers: the user's token is renewed silently with the
 * refresh token (single flight, proactive), and the account survives restarts through `tokenCache`.
 */
export abstract class DelegatedUserProvider implements TokenProvider {
  readonly tenantId: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  protected readonly client: UserFlowClient;
  protected readonly clock: () => number;
  readonly #cache: RefreshingTokenCache;
  readonly #username: string | undefined;
  readonly #kind: string;
  #account: SignedInAccount | undefined;

  protected constructor(kind: string, options: DelegatedUserOptions, clientSecret: string | undefined) {
    if (!options?.clientId?.trim()) {
      throw new AuthenticationConfigurationError(`${kind}: clientId is missing — use the Application (client) ID of the app registration.`, { code: "invalid_configuration", remedy: "Set clientId." });
    }
    this.#kind = kind;
    const authority = resolveAuthority(options);
    const redactor = new Redactor([clientSecret]);
    this.tenantId = authority.tenantId;
    this.clientId = options.clientId.trim();
    this.scopes = resolveScopes(options.scopes, options.resource);
    this.clock = options.clock ?? Date.now;
    this.#username = options.username?.toLowerCase();
    try {
      this.client = new UserFlowClient({
        clientId: this.clientId, clientSecret, authority, scopes: this.scopes, persistence: options.tokenCache ?? new MemoryTokenCachePersistence(),
        redactor, clock: this.clock, logger: options.logger,
        network: { ...(options.ca ? { ca: options.ca } : {}), ...(options.agent ? { agent: options.agent } : {}), ...(options.timeoutInMs ? { timeoutInMs: options.timeoutInMs } : {}), ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}) },
      });
    } catch (e) {
      throw mapMsalError(e, { tenantId: this.tenantId, clientId: this.clientId, redactor, delegated: true });
    }
    const report = (o: RefreshOutcome) => reportTokenOutcome(o, { provider: kind, tenantId: this.tenantId, clientId: this.clientId }, options.logger, options.onTokenEvent);
    this.#cache = new RefreshingTokenCache((reason) => this.#fetch(reason !== "initial"), resolveRefreshPolicy(options.refreshPolicy), this.clock, report, (e) => this.client.mapError(e));
  }

  /** The signed-in user's token, renewed silently; InteractionRequiredError when nobody is signed in. */
  getToken(options?: GetTokenOptions): Promise<AccessToken> {
    return this.#cache.getToken(options);
  }

  /** The signed-in account (after a sign-in, or found in the token cache), if any. */
  async getAccount(): Promise<SignedInAccount | undefined> {
    return this.#account ?? (this.#account = await this.#findCachedAccount());
  }

  /** Forgets the user: removes the account and its refresh token from the cache. */
  async signOut(): Promise<void> {
    const account = await this.getAccount();
    if (account) await this.client.removeAccount(account.homeAccountId);
    this.#account = undefined;
    this.#cache.clear();
  }

  /** Subclasses call this after an interactive sign-in. */
  protected signedIn(account: SignedInAccount, token: AccessToken, startedAt: number): AccessToken {
    this.#account = account;
    return this.#cache.prime(token, startedAt);
  }

  /** What to do when there is no account: auth code throws, device code signs in. */
  protected abstract signInRequired(): Promise<AccessToken>;

  async #fetch(forceRefresh: boolean): Promise<AccessToken> {
    const account = await this.getAccount();
    if (!account) return this.signInRequired();
    return (await this.client.silent(account.homeAccountId, forceRefresh)).token;
  }

  async #findCachedAccount(): Promise<SignedInAccount | undefined> {
    const accounts = await this.client.accounts();
    if (this.#username) return accounts.find((a) => a.username.toLowerCase() === this.#username);
    if (accounts.length > 1) {
      throw new InteractionRequiredError(`${this.#kind}: ${accounts.length} accounts are in the token cache — pass username to choose one.`, { code: "ambiguous_account", remedy: "pass username to choose one." });
    }
    return accounts[0];
  }

  toJSON(): Record<string, unknown> {
    return { kind: this.#kind, tenantId: this.tenantId, clientId: this.clientId, scopes: this.scopes, username: this.#account?.username };
  }

  [inspect.custom](): string {
    return `${this.#kind} ${inspect(this.toJSON())}`;
  }
}
