import { createODataClient, type ODataClientOptions } from "@bcts/odata";
import { apiV2_0 } from "./generated/api-v2.0/index.js";
import { automationV2_0 } from "./generated/automation-v2.0/index.js";

export type BusinessCentralClientOptions = ODataClientOptions;
export type AutomationClientOptions = ODataClientOptions;

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

/**
 * The client for Business Central's automation API (api/microsoft/automation/v2.0): companies,
 * users, permission sets, user groups, extensions, configuration packages. An S2S app needs the
 * `Automation.ReadWrite.All` application permission for it.
 *
 * @example
 * const automation = createAutomationClient({ tenantId, environment: "production", credential });
 * automation.companies.toUrl();
 * // https://api.businesscentral.dynamics.com/v2.0/{tenantId}/production/api/microsoft/automation/v2.0/companies
 */
export function createAutomationClient(options: AutomationClientOptions) {
  return createODataClient(automationV2_0, options);
}

export * from "./generated/api-v2.0/index.js";
/** The automation route's types and descriptors (`automation.User`, `automation.usersSet`, …), apart from api/v2.0's. */
export * as automation from "./generated/automation-v2.0/index.js";
