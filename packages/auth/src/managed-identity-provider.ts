import { inspect } from "node:util";
import type { AccessToken, GetTokenOptions, TokenProvider } from "./token-provider.js";
import { reportTokenOutcome, type AuthLogger, type TokenEvent } from "./auth-logger.js";
import { BUSINESS_CENTRAL_RESOURCE } from "./authority.js";
import { AuthenticationConfigurationError } from "./errors/authentication-error.js";
import { Redactor } from "./redactor.js";
import { RefreshingTokenCache, type RefreshOutcome } from "./refreshing-token-cache.js";
import { resolveRefreshPolicy, type RefreshPolicy } from "./refresh-policy.js";
import { describeIdentity, ManagedIdentityClient, type ManagedIdentitySelector } from "./msal/managed-identity-client.js";

export interface ManagedIdentityProviderOptions {
  /** A user-assigned identity's client id (AZURE_CLIENT_ID). Omit all three ids for the system-assigned identity. */
  readonly clientId?: string;
  /** A user-assigned identity's Azure resource id (`/subscriptions/…/userAssignedIdentities/<name>`). */
  readonly resourceId?: string;
  /** A user-assigned identity's object (principal) id. */
  readonly objectId?: string;
  /** Default https://api.businesscentral.dynamics.com. */
  readonly resource?: string;
  /** Per HTTP attempt to the identity endpoint. Default 10 000. */
  readonly timeoutInMs?: number;
  /** Retries of network errors, 404/410/429 and 5xx per token request. Default 2. */
  readonly maxRetries?: number;
  /** First retry delay (doubles). Default 500. */
  readonly retryDelayInMs?: number;
  /** Epoch milliseconds. Default Date.now. */
  readonly clock?: () => number;
  readonly refreshPolicy?: RefreshPolicy;
  readonly logger?: AuthLogger;
  readonly onTokenEvent?: (event: TokenEvent) => void;
}

/**
 * App-only access with the managed identity of the Azure resource the code runs on (VM, App Service,
 * Functions, Container Apps, AKS with pod identity) — no secret to store or rotate. msal-node picks the
 * endpoint from the environment: App Service style when IDENTITY_ENDPOINT + IDENTITY_HEADER are set,
 * otherwise IMDS (http://169.254.169.254, or AZURE_POD_IDENTITY_AUTHORITY_HOST).
 *
 * Business Central must know the identity: register its client id on the "Microsoft Entra Applications" page.
 *
 * @example
 * new ManagedIdentityProvider()                                   // system-assigned
 * new ManagedIdentityProvider({ clientId: process.env.AZURE_CLIENT_ID }) // user-assigned
 * // GET http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https://api.businesscentral.dynamics.com&client_id=…
 */
export class ManagedIdentityProvider implements TokenProvider {
  readonly identity: ManagedIdentitySelector;
  readonly resource: string;
  /** The client id of a user-assigned identity chosen by client id, else undefined. */
  readonly clientId: string | undefined;
  readonly #cache: RefreshingTokenCache;
  readonly #client: ManagedIdentityClient;

  constructor(options: ManagedIdentityProviderOptions = {}) {
    const ids = [options.clientId, options.resourceId, options.objectId].map((v) => v?.trim()).filter((v): v is string => !!v);
    if (ids.length > 1) {
      throw new AuthenticationConfigurationError("ManagedIdentityProvider: pass at most one of clientId, resourceId, objectId.", {
        code: "invalid_configuration", remedy: "Name the user-assigned identity by one id only (usually clientId = AZURE_CLIENT_ID).",
      });
    }
    const trim = (v: string | undefined) => v?.trim() || undefined;
    const clientId = trim(options.clientId);
    const resourceId = trim(options.resourceId);
    const objectId = trim(options.objectId);
    this.identity = clientId ? { kind: "client-id", clientId } : resourceId ? { kind: "resource-id", resourceId } : objectId ? { kind: "object-id", objectId } : { kind: "system-assigned" };
    this.clientId = clientId;
    this.resource = (options.resource ?? BUSINESS_CENTRAL_RESOURCE).replace(/\/\.default$/, "");
    const clock = options.clock ?? Date.now;
    const network = {
      ...(options.timeoutInMs !== undefined ? { timeoutInMs: options.timeoutInMs } : {}),
      ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
      ...(options.retryDelayInMs !== undefined ? { retryDelayInMs: options.retryDelayInMs } : {}),
    };
    // IDENTITY_HEADER is a secret of the host: keep it out of every message we build.
    const client = new ManagedIdentityClient({ identity: this.identity, resource: this.resource, network, logger: options.logger, redactor: new Redactor([process.env.IDENTITY_HEADER]), clock });
    this.#client = client;
    const report = (outcome: RefreshOutcome) =>
      reportTokenOutcome(outcome, { provider: "ManagedIdentityProvider", tenantId: undefined, clientId: this.clientId ?? describeIdentity(this.identity) }, options.logger, options.onTokenEvent);
    this.#cache = new RefreshingTokenCache(() => client.acquire(), resolveRefreshPolicy(options.refreshPolicy), clock, report, (e) => client.mapError(e));
  }

  /** A cached token, refreshed ahead of expiry; concurrent callers share one request. */
  getToken(options?: GetTokenOptions): Promise<AccessToken> {
    return this.#cache.getToken(options);
  }

  /** The endpoint style msal-node will use here: "AppService", "Imds", "AzureArc", … (reads the environment, sends nothing). */
  source(): string {
    return this.#client.source();
  }

  toJSON(): Record<string, unknown> {
    return { kind: "ManagedIdentityProvider", identity: describeIdentity(this.identity), resource: this.resource };
  }

  [inspect.custom](): string {
    return `ManagedIdentityProvider ${inspect(this.toJSON())}`;
  }
}
