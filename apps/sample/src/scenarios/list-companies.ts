import { createAutomationClient } from "@bcts/client";
import { selectCompany } from "../company.js";
import { log } from "../log.js";
import type { Target } from "../target.js";

export interface ListCompaniesOptions {
  /** Also list the users of this company (default: the first company). */
  readonly companyId?: string;
}

/**
 * Seed 000: the environment's companies through the automation API
 * (GET …/api/microsoft/automation/v2.0/companies), as an S2S app with Automation.ReadWrite.All,
 * then the users of one company.
 */
export async function listCompanies(target: Target, options: ListCompaniesOptions = {}): Promise<void> {
  const automation = createAutomationClient({ tenantId: target.tenantId, environment: target.environment, baseUrl: target.baseUrl, credential: target.credential });

  log.step("Companies (automation API)");
  const query = automation.companies.query({ select: ["id", "name", "displayName", "businessProfileId"], orderBy: ["name"] });
  log.detail(`GET ${query.toUrl()}`);
  const companies = [];
  for await (const c of query.list()) companies.push(c);
  log.table(companies, ["id", "name", "displayName"]);
  log.detail(`${companies.length} ${companies.length === 1 ? "company" : "companies"}`);

  if (companies.length === 0) return;
  const company = selectCompany(companies, options.companyId);
  log.step(`Users of ${company.name}`);
  const users = automation.company(company.id).users.query({ select: ["userName", "displayName", "state"], orderBy: ["userName"] });
  log.detail(`GET ${users.toUrl()}`);
  const rows = [];
  for await (const u of users.list()) rows.push(u);
  log.table(rows, ["userName", "displayName", "state"]);
}
