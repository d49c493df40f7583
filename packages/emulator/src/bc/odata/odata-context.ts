import type { Clock } from "../clock.js";
import type { LoadedRoute } from "../metadata/loaded-route.js";
import type { BcEnvironment } from "../store/bc-environment.js";
import type { EntityStore } from "../store/entity-store.js";
import type { ChangeTrackingSettings } from "./change-tracking-options.js";
import type { BooleanFunctionComparison } from "./filter-parser.js";

/** Behaviour switches, mostly for facts the sheet marks [UNK] or BC's documented quirks. Resolved once per server. */
export interface ODataSettings {
  /** Server page size cap (§4): 20,000 online. */
  readonly maxPageSize: number;
  /** Sets that 400 when listed flat without their parent filter (§5.3, §11.5), set name → parent property. */
  readonly linesRequireParent: Readonly<Record<string, string>>;
  /** BC's filter node limit (§3). */
  readonly maxFilterNodes: number;
  /** Send an `ETag` response header on single-entity responses ([UNK] §5.2). */
  readonly etagHeader: boolean;
  /** Case-insensitive match of bound action names (`Microsoft.NAV.Post` vs `post`, [OBS] conflicting §5.4). */
  readonly actionNamesCaseInsensitive: boolean;
  /** `startswith(x,'A') eq true` in `$filter` ([UNK] §3). */
  readonly booleanFunctionComparison: BooleanFunctionComparison;
  readonly newId: () => string;
  /** §6: operations per `$batch`. */
  readonly maxBatchOperations: number;
  /** Delta links (`Prefer: odata.track-changes`); see change-tracking.ts. */
  readonly changeTracking: ChangeTrackingSettings;
}

/** Everything one OData request needs, built by the request handler. */
export interface ODataContext {
  readonly route: LoadedRoute;
  readonly environment: BcEnvironment;
  readonly store: EntityStore;
  /** Absolute service root as the client addressed it, e.g. `http://127.0.0.1:1234/v2.0/<tenant>/production/api/v2.0`. */
  readonly serviceRoot: string;
  readonly clock: Clock;
  readonly settings: ODataSettings;
  /** `?company=` value or the `Company` header inside `$batch` (§2.1). */
  readonly companyHint: string | undefined;
  readonly schemaVersion21: boolean;
}
