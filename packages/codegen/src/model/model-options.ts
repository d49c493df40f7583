import type { ResolvedNaming } from "../config/config-types.js";

/** What the model stage needs from a resolved route configuration. */
export interface ModelOptions {
  readonly routeName: string;
  readonly routeKind: "api" | "odatav4";
  readonly routePath: string;
  /** Entity sets to keep (others are pruned with the types only they reach), or "all". */
  readonly entitySets: readonly string[] | "all";
  /** The route's dialect; undefined: inferred from the document. */
  readonly dialect?: "business-central" | "odata";
  /** Spelling of generated type names and enum member keys. */
  readonly naming: ResolvedNaming;
}
