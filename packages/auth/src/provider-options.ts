import type { Agent } from "node:https";
import type { AuthLogger, TokenEvent } from "./auth-logger.js";
import type { RefreshPolicy } from "./refresh-policy.js";
import type { SharedTokenCache } from "./shared-token-cache.js";

/** Options every Entra-backed provider takes. Durations are milliseconds (`…InMs`). */
export interface EntraProviderOptions {
  /** Directory (tenant) ID GUID or a verified domain (contoso.onmicrosoft.com). Not common/organizations. */
  readonly tenantId: string;
  /** Application (client) ID of the app registration. */
  readonly clientId: string;
  /** Default https://login.microsoftonline.com. The emulator: its https origin (`emu.authorityHost`). */
  readonly authorityHost?: string;
  /** A full authority URL instead of authorityHost + tenantId (BC on-premises with a custom authority). */
  readonly authority?: string;
  /** Default [`${resource}/.default`]. */
  readonly scopes?: readonly string[];
  /** Default https://api.businesscentral.dynamics.com; on-premises: the BC server's App ID URI. */
  readonly resource?: string;
  /** Extra CA certificate(s) (PEM) to trust for the authority, e.g. the emulator's `caPem`. */
  readonly ca?: string | readonly string[];
  /** An https.Agent for the authority connection, e.g. a proxy agent (msal-node 5+ has no proxy option). */
  readonly agent?: Agent;
  /** Per HTTP attempt. Default 10 000. */
  readonly timeoutInMs?: number;
  /** Retries of network errors/5xx/429 per token request. Default 2. */
  readonly maxRetries?: number;
  /** Epoch milliseconds. Default Date.now. */
  readonly clock?: () => number;
  readonly refreshPolicy?: RefreshPolicy;
  readonly logger?: AuthLogger;
  readonly onTokenEvent?: (event: TokenEvent) => void;
  /** A cache shared by several processes (e.g. `RedisTokenCache` from @bcts/redis): one token and one refresh for all of them. */
  readonly sharedCache?: SharedTokenCache;
}
