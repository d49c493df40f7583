import { createBusinessCentralClient } from "@bcts/client";
import { log } from "./log.js";
import type { Target } from "./target.js";

export type BusinessCentral = ReturnType<typeof createBusinessCentralClient>;

/** The api/v2.0 client for a target. */
export function clientFor(target: Target): BusinessCentral {
  return createBusinessCentralClient({ tenantId: target.tenantId, environment: target.environment, baseUrl: target.baseUrl, credential: target.credential });
}

/** The company to work in: `companyId` when given (BC_COMPANY_ID), else the first one. */
export async function pickCompany(bc: BusinessCentral, companyId?: string): Promise<{ readonly id: string; readonly name: string | null }> {
  const companies = [];
  for await (const c of bc.companies.list({ select: ["id", "name"] })) companies.push(c);
  const company = companies.find((c) => c.id === companyId) ?? companies[0];
  if (!company) throw new Error("The environment has no company. Create one in Business Central, or set BC_COMPANY_ID.");
  if (companyId && company.id !== companyId) throw new Error(`No company with id ${companyId}; the environment has: ${companies.map((c) => `${c.name} (${c.id})`).join(", ")}.`);
  log.detail(`company: ${company.name} (${company.id})`);
  return company;
}
