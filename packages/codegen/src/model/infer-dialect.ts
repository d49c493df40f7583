import type { CsdlDocument } from "../csdl/csdl-document.js";

/** Which server rules the generated route follows (see `RouteDialect` in @bcts/odata). */
export type Dialect = "business-central" | "odata";

/** Schema namespaces only Business Central uses: `Microsoft.NAV` (API pages) and `NAV` (ODataV4 web services). */
const BC_NAMESPACES = new Set(["Microsoft.NAV", "NAV"]);

/**
 * The dialect of a document: Business Central's when a schema is `Microsoft.NAV`/`NAV` or the container
 * is BC's `NAV`; standard OData otherwise. A configured dialect wins.
 *
 * @example
 * inferDialect(bcApiV2Document, undefined)      // "business-central"  (Schema Namespace="Microsoft.NAV", EntityContainer Name="NAV")
 * inferDialect(capDocument, undefined)          // "odata"             (Schema Namespace="ConformanceService")
 * inferDialect(capDocument, "business-central") // "business-central"
 */
export function inferDialect(document: CsdlDocument, configured: Dialect | undefined): Dialect {
  if (configured !== undefined) return configured;
  const bc = document.schemas.some((s) => BC_NAMESPACES.has(s.namespace) || s.entityContainer?.name === "NAV");
  return bc ? "business-central" : "odata";
}
