import { createBusinessCentralClient } from "@bcts/client";
import { selectCompany } from "../company.js";
import { log } from "../log.js";
import type { Target } from "../target.js";

/**
 * Seed 001, typed: list companies, list customers with a typed $select and $filter, create a
 * customer, find it by filter, PATCH it with If-Match, delete it.
 */
export async function customerCrud(target: Target, options: { readonly companyId?: string; readonly runId: string }): Promise<void> {
  const bc = createBusinessCentralClient({
    tenantId: target.tenantId,
    environment: target.environment,
    baseUrl: target.baseUrl,
    credential: target.credential,
  });

  log.step("List companies");
  log.detail(`GET ${bc.companies.query({ select: ["id", "name", "displayName"] }).toUrl()}`);
  const companies = [];
  for await (const c of bc.companies.list({ select: ["id", "name", "displayName"] })) companies.push(c);
  log.table(companies, ["id", "name", "displayName"]);
  const company = selectCompany(companies, options.companyId);
  const scope = bc.company(company.id);

  log.step(`Customers of ${company.name} with a balance due, by name (typed $select and $filter)`);
  const withBalance = scope.customers.query({
    select: ["number", "displayName", "balanceDue"],
    filter: (f) => f.balanceDue.gt(0),
    orderBy: ["displayName"],
    top: 5,
  });
  log.detail(`GET ${withBalance.toUrl()}`);
  const rows = [];
  for await (const c of withBalance.list()) rows.push(c);
  log.table(rows, ["number", "displayName", "balanceDue"]);

  const displayName = `bcts demo ${options.runId}`;
  log.step(`Create customer "${displayName}"`);
  const created = await scope.customers.create({ displayName, email: "demo@example.com", currencyCode: "" });
  log.detail(`201 Created: id ${created.id}, number ${created.number}`);

  log.step("Find it by $filter");
  const byName = scope.customers.query({ select: ["id", "number", "displayName"], filter: (f) => f.displayName.eq(displayName) });
  log.detail(`GET ${byName.toUrl()}`);
  const found = [];
  for await (const c of byName.list()) found.push(c);
  if (found.length !== 1) throw new Error(`Expected to find 1 customer named "${displayName}", found ${found.length}.`);
  log.table(found, ["id", "number", "displayName"]);

  log.step("Rename it with PATCH and If-Match");
  const fresh = await scope.customers.byId(created.id).get();
  const updated = await scope.customers.byId(created.id).update({ displayName: `${displayName} (renamed)` }, { etag: fresh["@odata.etag"] });
  log.detail(`If-Match: ${fresh["@odata.etag"]}`, `200 OK: displayName is now "${updated.displayName}"`);

  log.step("Delete it");
  await scope.customers.byId(created.id).delete({ etag: updated["@odata.etag"] });
  log.detail("204 No Content");
  let remaining = 0;
  for await (const _ of byName.list()) remaining++;
  log.detail(`customers named "${displayName}" left: ${remaining}`);
}
