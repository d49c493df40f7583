import { createBusinessCentralClient } from "@bcts/client";
import { log } from "./log.js";
import type { Target } from "./target.js";
import { UnknownCompanyError } from "./unknown-company-error.js";

export type BusinessCentral = ReturnType<typeof createBusinessCentralClient>;

/** The api/v2.0 client for a target. */
export function clientFor(target: Target): BusinessCentral {
  return createBusinessCentralClient({ tenantId: target.tenantId, environment: target.environment, baseUrl: target.baseUrl, credential: target.credential });
}

/**
 * The company to work in: the one whose id or name is `selector` (BC_COMPANY_ID), else — only when no
 * selector is given — the first one. An unknown selector is an `UnknownCompanyError` listing the
 * environment's companies, never a fallback: against a live tenant a typo must not write elsewhere.
 *
 * @example
 * selectCompany([{ id: "5d11…", name: "CRONUS USA, Inc." }], "CRONUS USA, Inc.") // { id: "5d11…", … }
 * selectCompany([{ id: "5d11…", name: "CRONUS USA, Inc." }], "typo")             // throws UnknownCompanyError
 */
export function selectCompany<C extends { readonly id: string; readonly name: string | null }>(companies: readonly C[], selector: string | undefined): C {
  const wanted = selector?.trim() ?? "";
  if (wanted === "") {
    const first = companies[0];
    if (!first) throw new Error("The environment has no company. Create one in Business Central, or set BC_COMPANY_ID.");
    return first;
  }
  const company = companies.find((c) => c.id.toLowerCase() === wanted.toLowerCase()) ?? companies.find((c) => c.name === wanted);
  if (!company) throw new UnknownCompanyError(wanted, companies);
  return company;
}

/** Lists the environment's companies and picks one with `selectCompany`. */
export async function pickCompany(bc: BusinessCentral, companyId?: string): Promise<{ readonly id: string; readonly name: string | null }> {
  const companies = [];
  for await (const c of bc.companies.list({ select: ["id", "name"] })) companies.push(c);
  const company = selectCompany(companies, companyId);
  log.detail(`company: ${company.name} (${company.id})`);
  return company;
}
