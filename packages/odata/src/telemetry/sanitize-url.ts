// Query options whose values describe the shape of a request, not its data: safe to keep.
const SHAPE_OPTIONS = new Set(["$select", "$expand", "$orderby", "$top", "$skip", "$count", "$format", "$schemaversion", "api-version", "company"]);

/**
 * A request URL as telemetry and logs may show it: scheme, host, path and the names of every query
 * option, with the values of all but shape options (`$select`, `$expand`, `$orderby`, `$top`, `$skip`, …)
 * replaced by `REDACTED` — `$filter`, `$search`, `$skiptoken` and unknown parameters may hold
 * customer data or signatures. User info (`user:pass@`) and fragments are dropped.
 *
 * @example
 * sanitizeUrl("https://api.businesscentral.dynamics.com/v2.0/t/production/api/v2.0/companies(1)/customers?$select=number&$filter=email eq 'a@b.c'&sig=abc")
 * // "https://api.businesscentral.dynamics.com/v2.0/t/production/api/v2.0/companies(1)/customers?$select=number&$filter=REDACTED&sig=REDACTED"
 */
export function sanitizeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "(unparsable url)";
  }
  // forEach rather than iteration: the runtime compiles without lib.dom.iterable.
  const query: string[] = [];
  parsed.searchParams.forEach((value, name) => query.push(`${name}=${SHAPE_OPTIONS.has(name.toLowerCase()) ? value : "REDACTED"}`));
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}${query.length > 0 ? `?${query.join("&")}` : ""}`;
}
