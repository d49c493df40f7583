import { ManagedIdentityApplication, type ManagedIdentityIdParams } from "@azure/msal-node";
import type { AccessToken } from "../token-provider.js";
import type { AuthLogger } from "../auth-logger.js";
import {
  AuthenticationConfigurationError,
  AuthenticationError,
  TransientAuthenticationError,
  type AuthenticationErrorDetails,
} from "../errors/authentication-error.js";
import type { Redactor } from "../redactor.js";
import { mapMsalError } from "./map-msal-error.js";
import { ManagedIdentityNetworkClient, withManagedIdentityNetworkOptions, type ManagedIdentityNetworkOptions } from "./managed-identity-network-client.js";
import { msalLoggerOptions } from "./msal-logger.js";
import { toAccessToken } from "./to-access-token.js";

/** Which managed identity: the host's system-assigned one, or a user-assigned one by one of its ids. */
export type ManagedIdentitySelector =
  | { readonly kind: "system-assigned" }
  | { readonly kind: "client-id"; readonly clientId: string }
  | { readonly kind: "resource-id"; readonly resourceId: string }
  | { readonly kind: "object-id"; readonly objectId: string };

export interface ManagedIdentityClientSettings {
  readonly identity: ManagedIdentitySelector;
  /** e.g. https://api.businesscentral.dynamics.com (MSAL strips a trailing /.default). */
  readonly resource: string;
  readonly network: ManagedIdentityNetworkOptions;
  readonly logger: AuthLogger | undefined;
  readonly redactor: Redactor;
  readonly clock: () => number;
}

/**
 * msal-node's ManagedIdentityApplication driven by our cache: every call is a network fetch
 * (`forceRefresh: true`). msal-node picks the source (App Service when IDENTITY_ENDPOINT and
 * IDENTITY_HEADER are set, …, else IMDS at AZURE_POD_IDENTITY_AUTHORITY_HOST or 169.254.169.254)
 * from process.env at the first token request, and keeps that source — with the network client of
 * the application that made it — for the rest of the process (hence options travel per call, see
 * `withManagedIdentityNetworkOptions`, and the environment must be set before the first request).
 */
export class ManagedIdentityClient {
  readonly #app: ManagedIdentityApplication;

  constructor(private readonly settings: ManagedIdentityClientSettings) {
    this.#app = new ManagedIdentityApplication({
      managedIdentityIdParams: idParams(settings.identity),
      system: {
        networkClient: new ManagedIdentityNetworkClient(settings.network),
        loggerOptions: msalLoggerOptions(settings.logger, settings.redactor),
        disableInternalRetries: true,
      },
    });
  }

  /** "AppService", "Imds", "AzureArc", … as msal-node decides it from the environment (no request). */
  source(): string {
    return String(this.#app.getManagedIdentitySource());
  }

  async acquire(): Promise<AccessToken> {
    const clockStart = this.settings.clock();
    const realStart = Date.now();
    const result = await withManagedIdentityNetworkOptions(this.settings.network, () => this.#app.acquireToken({ resource: this.settings.resource, forceRefresh: true }));
    if (!result?.accessToken || !(result.expiresOn instanceof Date)) {
      throw new TransientAuthenticationError(`The managed identity endpoint answered without an access token (${describeIdentity(this.settings.identity)}).`, {
        code: "invalid_response", clientId: clientIdOf(this.settings.identity), remedy: "The managed identity endpoint returned an unusable answer; retry later.",
      });
    }
    return toAccessToken({ accessToken: result.accessToken, expiresOn: result.expiresOn, refreshOn: result.refreshOn }, { clockStart, realStart });
  }

  /**
   * The endpoint's own words survive: IMDS `{error, error_description}` and App Service `{statusCode, message}`
   * both reach MSAL as a ServerError whose message embeds "Description: …".
   */
  mapError(error: unknown): AuthenticationError {
    const who = describeIdentity(this.settings.identity);
    const clientId = clientIdOf(this.settings.identity);
    const e = error as { name?: string; errorCode?: string; errorMessage?: string; status?: number; correlationId?: string } | null;
    if (e?.name === "ServerError") {
      const text = /Description:\s*(.*?)\s*- Correlation ID/.exec(e.errorMessage ?? "")?.[1] ?? e.errorMessage ?? "no description";
      const details: AuthenticationErrorDetails = {
        code: e.errorCode || "managed_identity_error", status: e.status, clientId, correlationId: e.correlationId || undefined, msalErrorCode: e.errorCode || undefined,
        aadsts: Number(/AADSTS(\d+)/.exec(text)?.[1]) || undefined,
      };
      const transient = e.status !== undefined && (e.status >= 500 || e.status === 429);
      const Kind = transient ? TransientAuthenticationError : AuthenticationConfigurationError;
      const remedy = transient ? "The managed identity endpoint failed; the request can be retried later." : remedyFor(this.settings.identity, text);
      const message = `Could not get a Business Central token with the managed identity (${who}, source ${this.source()}): ${details.code}${e.status ? `, HTTP ${e.status}` : ""}: ${text} Remedy: ${remedy}`;
      return new Kind(this.settings.redactor.redact(message), { ...details, remedy });
    }
    return mapMsalError(error, { tenantId: undefined, clientId, redactor: this.settings.redactor });
  }
}

function remedyFor(identity: ManagedIdentitySelector, text: string): string {
  if (/AADSTS500011|resource principal/i.test(text)) return "Business Central is not provisioned in the identity's tenant, or the resource is wrong; check the `resource` option.";
  if (identity.kind === "system-assigned") return "Turn on the system-assigned identity of this Azure resource, or set AZURE_CLIENT_ID to the client id of a user-assigned identity attached to it.";
  return `Attach the user-assigned identity (${describeIdentity(identity)}) to this Azure resource, or correct AZURE_CLIENT_ID.`;
}

function idParams(identity: ManagedIdentitySelector): ManagedIdentityIdParams {
  switch (identity.kind) {
    case "system-assigned":
      return {};
    case "client-id":
      return { userAssignedClientId: identity.clientId };
    case "resource-id":
      return { userAssignedResourceId: identity.resourceId };
    case "object-id":
      return { userAssignedObjectId: identity.objectId };
  }
}

export function describeIdentity(identity: ManagedIdentitySelector): string {
  switch (identity.kind) {
    case "system-assigned":
      return "system-assigned";
    case "client-id":
      return `user-assigned client id ${identity.clientId}`;
    case "resource-id":
      return `user-assigned resource id ${identity.resourceId}`;
    case "object-id":
      return `user-assigned object id ${identity.objectId}`;
  }
}

function clientIdOf(identity: ManagedIdentitySelector): string | undefined {
  return identity.kind === "client-id" ? identity.clientId : undefined;
}
