import { createODataClient, type ODataClientOptions } from "@bcts/odata";
import { apiV2_0 } from "./generated/api-v2.0/index.js";

export type BusinessCentralClientOptions = ODataClientOptions;

/**
 * The client for Business Central's standard API (api/v2.0).
 *
 * @example
 * const bc = createBusinessCentralClient({ tenantId, environment: "production", credential });
 * bc.company(companyId).customers.query({ select: ["number"] }).toUrl();
 * // https://api.businesscentral.dynamics.com/v2.0/{tenantId}/production/api/v2.0/companies({companyId})/customers?$select=number
 */
export function createBusinessCentralClient(options: BusinessCentralClientOptions) {
  return createODataClient(apiV2_0, options);
}

export * from "./generated/api-v2.0/index.js";
