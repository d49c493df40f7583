import { inspect } from "node:util";
import type { AccessToken, GetTokenOptions, TokenProvider } from "./token-provider.js";
import { reportTokenOutcome } from "./auth-logger.js";
import { resolveAuthority, resolveScopes, type ResolvedAuthority } from "./authority.js";
import { AuthenticationConfigurationError } from "./errors/authentication-error.js";
import type { EntraProviderOptions } from "./provider-options.js";
import { Redactor } from "./redactor.js";
import { RefreshingTokenCache, type RefreshOutcome } from "./refreshing-token-cache.js";
import { resolveRefreshPolicy } from "./refresh-policy.js";
import { sharedTokenCacheKey, sharedTokenFetcher } from "./shared-token-cache.js";
import { ConfidentialClient, type ConfidentialCredential } from "./msal/confidential-client.js";
import { mapMsalError } from "./msal/map-msal-error.js";

/**
 * Shared machinery of the app-only providers: options resolved once, one MSAL app, our cache.
 * Subclasses only describe their credential.
 */
export abstract class EntraTokenProvider implements TokenProvider {
  readonly tenantId: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly authority: string;
  readonly #cache: RefreshingTokenCache;
  readonly #kind: string;

  protected constructor(
    kind: string,
    options: EntraProviderOptions,
    credential: () => ConfidentialCredential,
    secrets: readonly (string | undefined)[],
    remedies?: Readonly<Record<number, string>>,
  ) {
    if (!options?.clientId?.trim()) {
      throw new AuthenticationConfigurationError(`${kind}: clientId is missing — use the Application (client) ID of the app registration.`, { code: "invalid_configuration", remedy: "Set clientId to the Application (client) ID of the app registration." });
    }
    const redactor = new Redactor(secrets);
    const authority: ResolvedAuthority = resolveAuthority(options);
    this.tenantId = authority.tenantId;
    this.clientId = options.clientId.trim();
    this.authority = authority.authority;
    this.scopes = resolveScopes(options.scopes, options.resource);
    const clock = options.clock ?? Date.now;
    let client: ConfidentialClient;
    try {
      client = new ConfidentialClient({
        clientId: this.clientId, authority, scopes: this.scopes, credential: credential(), redactor, clock, logger: options.logger, ...(remedies ? { remedies } : {}),
        network: { ...(options.ca ? { ca: options.ca } : {}), ...(options.agent ? { agent: options.agent } : {}), ...(options.timeoutInMs ? { timeoutInMs: options.timeoutInMs } : {}), ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}) },
      });
    } catch (e) {
      throw mapMsalError(e, { tenantId: this.tenantId, clientId: this.clientId, redactor });
    }
    const report = (outcome: RefreshOutcome) => reportTokenOutcome(outcome, { provider: kind, tenantId: this.tenantId, clientId: this.clientId }, options.logger, options.onTokenEvent);
    const policy = resolveRefreshPolicy(options.refreshPolicy);
    const fetcher = options.sharedCache
      ? sharedTokenFetcher(options.sharedCache, sharedTokenCacheKey(this.authority, this.clientId, this.scopes), () => client.acquire(), { clock, policy })
      : () => client.acquire();
    this.#cache = new RefreshingTokenCache(fetcher, policy, clock, report, (e) => client.mapError(e));
    this.#kind = kind;
  }

  /** A cached token, refreshed ahead of expiry; concurrent callers share one request. */
  getToken(options?: GetTokenOptions): Promise<AccessToken> {
    return this.#cache.getToken(options);
  }

  /** What the provider is, without its credential (also what JSON.stringify and util.inspect show). */
  toJSON(): Record<string, unknown> {
    return { kind: this.#kind, tenantId: this.tenantId, clientId: this.clientId, authority: this.authority, scopes: this.scopes };
  }

  [inspect.custom](): string {
    return `${this.#kind} ${inspect(this.toJSON())}`;
  }
}
