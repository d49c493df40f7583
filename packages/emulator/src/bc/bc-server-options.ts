import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { BcTokenValidator } from "./auth/access-token-validator.js";
import type { BcTenantOptions } from "./auth/bc-tenant.js";
import { systemClock, type Clock } from "./clock.js";
import { loadRoute, type LoadedRoute } from "./metadata/loaded-route.js";
import { parseMetadata } from "./metadata/parse-metadata.js";
import type { LimitOptions } from "./limits/identity-limiter.js";
import type { WebhookOptions } from "./webhooks/webhook-options.js";
import type { ODataSettings } from "./odata/odata-context.js";
import type { BooleanFunctionComparison } from "./odata/filter-parser.js";
import { resolveChangeTracking, type ChangeTrackingOptions } from "./odata/change-tracking-options.js";
import { cronusSeed, type SeedCompany } from "./seed/cronus-seed.js";

/** A route and the real `$metadata` document it serves. Give `metadata` (XML text) or `metadataFile`. */
export interface BcRouteOptions {
  /** `api/v2.0`, `api/microsoft/automation/v2.0`, `api/{publisher}/{group}/{version}` or `ODataV4`. */
  readonly path: string;
  readonly metadata?: string;
  readonly metadataFile?: string;
}

export interface BcServerOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Verifies signature/issuer of a bearer token, e.g. fake Entra's `validateAccessToken`. */
  readonly validateAccessToken: BcTokenValidator;
  readonly tenants: readonly BcTenantOptions[];
  /** Default: `api/v2.0` (metadata/api-v2.0.xml) and `api/microsoft/automation/v2.0` (metadata/automation-v2.0.xml, assembled from docs). */
  readonly routes?: readonly BcRouteOptions[];
  /** Companies and their rows in every environment. Default: the CRONUS USA seed. */
  readonly seed?: readonly SeedCompany[];
  readonly clock?: Clock;
  /** Token `aud` BC accepts (§1.2). */
  readonly audience?: string;
  /** Server page size cap (§4). Default 20,000. */
  readonly maxPageSize?: number;
  /** Body for a token with the wrong audience (§1.5). Default "xml". */
  readonly wrongAudienceFormat?: "xml" | "json";
  /** Sets that require their parent filter (§5.3). `false` disables the quirk. Default: document lines and dimensionSetLines. */
  readonly linesRequireParent?: Readonly<Record<string, string>> | false;
  /** Send `ETag` headers on single-entity responses ([UNK] §5.2). Default true. */
  readonly etagHeader?: boolean;
  /** Accept `Microsoft.NAV.Post` for `post` ([OBS] conflicting, §5.4). Default false. */
  readonly actionNamesCaseInsensitive?: boolean;
  /**
   * `$filter=startswith(displayName,'A') eq true` (also `contains`/`endswith`, `eq`/`ne`, `true`/`false`),
   * as the SAP Cloud SDK generator writes it. Default "reject": a 400 query-syntax error whose message
   * says how to switch. Whether BC accepts the form is [UNK] (§3 is silent; OData allows it), and
   * rejecting is the conservative choice: code that relies on it fails here first, not in production.
   * Set "accept" (e.g. `startEmulator({ bc: { booleanFunctionComparison: "accept" } })`) once you know
   * your BC accepts it: `eq true`/`ne false` then mean the predicate, `eq false`/`ne true` its negation.
   */
  readonly booleanFunctionComparison?: BooleanFunctionComparison;
  /** Per-identity operational limits (§7). Defaults: 5 concurrent, 95 queued, 6000 per 5 minutes. */
  readonly limits?: LimitOptions;
  /** Operation timeout (§7: 8 minutes → 408); only injected latency can exceed it. Default 480,000 ms. */
  readonly operationTimeoutMs?: number;
  /** Keep all data in this JSON file: loaded at start instead of the seed (if it exists), saved after changes and on close. */
  readonly persistFile?: string;
  /** Webhook timing and limits (§9). */
  readonly webhooks?: WebhookOptions;
  /** Operations allowed per `$batch` (§6). Default 100. */
  readonly maxBatchOperations?: number;
  /** Delta links (`Prefer: odata.track-changes`, docs/delta-sync.md). Default off, as in BC since v24. */
  readonly changeTracking?: ChangeTrackingOptions;
  /** Id generator for created entities. Default crypto.randomUUID. */
  readonly newId?: () => string;
}

export const defaultLinesRequireParent: Readonly<Record<string, string>> = {
  salesOrderLines: "documentId",
  salesInvoiceLines: "documentId",
  salesQuoteLines: "documentId",
  salesCreditMemoLines: "documentId",
  purchaseInvoiceLines: "documentId",
  purchaseOrderLines: "documentId",
  purchaseCreditMemoLines: "documentId",
  dimensionSetLines: "parentId",
};

export function defaultRoutes(): BcRouteOptions[] {
  return [
    { path: "api/v2.0", metadataFile: packagedMetadataFile("api-v2.0.xml") },
    { path: "api/microsoft/automation/v2.0", metadataFile: packagedMetadataFile("automation-v2.0.xml") },
  ];
}

/** The packaged metadata folder (packages/emulator/metadata). */
export function packagedMetadataFile(name: string): string {
  return fileURLToPath(new URL(`../../metadata/${name}`, import.meta.url));
}

export interface ResolvedBcServerOptions {
  readonly port: number;
  readonly host: string;
  readonly validateAccessToken: BcTokenValidator;
  readonly tenants: readonly BcTenantOptions[];
  readonly routes: readonly LoadedRoute[];
  readonly seed: readonly SeedCompany[];
  readonly clock: Clock;
  readonly audience: string;
  readonly wrongAudienceFormat: "xml" | "json";
  readonly settings: ODataSettings;
  readonly operationTimeoutMs: number;
}

export function resolveBcServerOptions(options: BcServerOptions): ResolvedBcServerOptions {
  const routeOptions = options.routes ?? defaultRoutes();
  const routes = routeOptions.map((r) => {
    const xml = r.metadata ?? (r.metadataFile ? readFileSync(r.metadataFile, "utf8") : undefined);
    if (xml === undefined) throw new TypeError(`route ${r.path}: give metadata or metadataFile`);
    return loadRoute(r.path.replace(/^\/+|\/+$/g, ""), parseMetadata(xml));
  });
  const maxPageSize = options.maxPageSize ?? 20_000;
  return {
    port: options.port ?? 0,
    host: options.host ?? "127.0.0.1",
    validateAccessToken: options.validateAccessToken,
    tenants: options.tenants,
    routes,
    seed: options.seed ?? cronusSeed,
    clock: options.clock ?? systemClock,
    audience: options.audience ?? "https://api.businesscentral.dynamics.com",
    wrongAudienceFormat: options.wrongAudienceFormat ?? "xml",
    operationTimeoutMs: options.operationTimeoutMs ?? 480_000,
    settings: {
      maxPageSize,
      linesRequireParent: options.linesRequireParent === false ? {} : (options.linesRequireParent ?? defaultLinesRequireParent),
      maxFilterNodes: 100,
      etagHeader: options.etagHeader ?? true,
      actionNamesCaseInsensitive: options.actionNamesCaseInsensitive ?? false,
      booleanFunctionComparison: options.booleanFunctionComparison ?? "reject",
      newId: options.newId ?? randomUUID,
      maxBatchOperations: options.maxBatchOperations ?? 100,
      changeTracking: resolveChangeTracking(options.changeTracking),
    },
  };
}
