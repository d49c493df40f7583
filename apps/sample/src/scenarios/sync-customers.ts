import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Customer } from "@bcts/client";
import { clientFor, pickCompany } from "../company.js";
import { ODataDeltaUnsupportedError } from "@bcts/odata";
import { log } from "../log.js";
import { mirrorCustomersToPostgres } from "../postgres-customer-mirror.js";
import type { Target } from "../target.js";

export const defaultSyncFile = join(fileURLToPath(new URL("../../.data/", import.meta.url)), "customers.json");

export interface SyncCustomersOptions {
  readonly companyId?: string;
  /** The local copy (JSON). Default apps/sample/.data/customers.json (gitignored). */
  readonly file?: string;
  /** Prefer: odata.maxpagesize. Default 100. */
  readonly pageSize?: number;
  /** Keep the mirror in PostgreSQL (delta links) instead of the JSON file. Default: `DATABASE_URL` (unless `file` is given). */
  readonly databaseUrl?: string;
  /** PostgreSQL schema of the mirror. Default `bcts_sample`. */
  readonly schema?: string;
}

type SyncedCustomer = Pick<Customer, "id" | "number" | "displayName" | "email" | "balanceDue" | "lastModifiedDateTime">;

/** What the sync file holds: the company, the high-water mark and the records by id. */
export interface CustomerSyncFile {
  readonly companyId: string;
  /** The greatest lastModifiedDateTime seen; the next run asks only for records changed after it. */
  readonly lastModifiedDateTime: string | null;
  readonly customers: Readonly<Record<string, SyncedCustomer>>;
  /** Set when the server has delta links: the next run asks for the changes since (deletions included). */
  readonly deltaLink?: string;
}

/**
 * Incremental sync of customers into a local JSON file. The first run copies all customers page
 * by page; later runs ask only for `lastModifiedDateTime gt <high-water mark>` and merge them.
 * Deletions are not seen by this pattern (use webhooks or a periodic full compare for those).
 * Where the server has delta links (docs/delta-sync.md; not BC online since v24) the runs use them
 * instead and see deletions too; the first run finds out (one GET) and the file remembers.
 */
export async function syncCustomers(target: Target, options: SyncCustomersOptions = {}): Promise<void> {
  // An explicit `file` means the JSON mirror even when DATABASE_URL is set.
  const databaseUrl = options.databaseUrl ?? (options.file === undefined ? process.env["DATABASE_URL"] : undefined);
  if (databaseUrl) {
    await mirrorCustomersToPostgres(target, { databaseUrl, schema: options.schema, companyId: options.companyId, pageSize: options.pageSize });
    return;
  }
  const file = options.file ?? defaultSyncFile;
  const bc = clientFor(target);

  log.step("Read the local copy");
  const company = await pickCompany(bc, options.companyId);
  const previous = await readSyncFile(file);
  const state = previous?.companyId === company.id ? previous : undefined;
  if (state) log.detail(`${file}: ${Object.keys(state.customers).length} customers, changed up to ${state.lastModifiedDateTime ?? "(never)"}`);
  else log.detail(`${file}: ${previous ? "another company's copy — starting over" : "not there yet — full copy"}`);

  if (state?.deltaLink !== undefined || state === undefined) {
    if (await syncByDeltaLink(bc, company.id, file, state, options.pageSize ?? 100)) return;
  }

  const since = state?.lastModifiedDateTime ?? null;
  const query = bc.company(company.id).customers.query({
    select: ["id", "number", "displayName", "email", "balanceDue", "lastModifiedDateTime"],
    ...(since ? { filter: (f) => f.lastModifiedDateTime.gt(since) } : {}),
    orderBy: ["lastModifiedDateTime"],
  });
  log.step(since ? `Fetch customers changed after ${since}` : "Fetch all customers");
  log.detail(`GET ${query.toUrl()}`, `Prefer: odata.maxpagesize=${options.pageSize ?? 100}`);

  const customers: Record<string, SyncedCustomer> = { ...state?.customers };
  let highWater = since;
  let fetched = 0;
  let pages = 0;
  for await (const page of query.list().byPage({ maxPageSize: options.pageSize ?? 100 })) {
    pages++;
    for (const c of page.value) {
      customers[c.id] = { id: c.id, number: c.number, displayName: c.displayName, email: c.email, balanceDue: c.balanceDue, lastModifiedDateTime: c.lastModifiedDateTime };
      if (c.lastModifiedDateTime && (highWater === null || Date.parse(c.lastModifiedDateTime) > Date.parse(highWater))) highWater = c.lastModifiedDateTime;
    }
    fetched += page.value.length;
    log.progress(`page ${pages}: ${page.value.length} ${page.value.length === 1 ? "customer" : "customers"}, ${fetched} so far${page.continuationToken ? ", more to come" : ""}`);
  }

  log.step("Write the local copy");
  await writeSyncFile(file, { companyId: company.id, lastModifiedDateTime: highWater, customers });
  log.detail(`${fetched} fetched in ${pages} ${pages === 1 ? "page" : "pages"}; ${Object.keys(customers).length} customers in ${file}`, `next run asks for changes after ${highWater ?? "(nothing yet)"}`);
}

/** A delta round into the JSON file; false when the server has no delta links (nothing was changed then). */
async function syncByDeltaLink(bc: ReturnType<typeof clientFor>, companyId: string, file: string, state: CustomerSyncFile | undefined, pageSize: number): Promise<boolean> {
  log.step(state?.deltaLink ? "Fetch the changes since the stored delta link" : "Fetch all customers with change tracking (Prefer: odata.track-changes)");
  const round = bc.company(companyId).customers.sync({
    deltaLink: state?.deltaLink,
    select: ["id", "number", "displayName", "email", "balanceDue", "lastModifiedDateTime"],
    maxPageSize: pageSize,
    onExpired: "rebaseline",
  });
  const customers: Record<string, SyncedCustomer> = { ...state?.customers };
  let upserts = 0;
  let deletes = 0;
  try {
    for await (const change of round) {
      if (change.kind === "upsert") {
        const c = change.entity;
        customers[c.id] = { id: c.id, number: c.number, displayName: c.displayName, email: c.email, balanceDue: c.balanceDue, lastModifiedDateTime: c.lastModifiedDateTime };
        upserts++;
      } else if (change.kind === "delete") {
        delete customers[change.id];
        deletes++;
      } else {
        log.detail("the stored delta link expired (410): re-reading everything");
        for (const id of Object.keys(customers)) delete customers[id];
      }
    }
  } catch (error) {
    if (!(error instanceof ODataDeltaUnsupportedError) || state?.deltaLink !== undefined) throw error;
    log.detail("no delta links on this server (BC online removed them in v24): using lastModifiedDateTime instead");
    return false;
  }
  const highWater = Object.values(customers).reduce<string | null>((max, c) => (c.lastModifiedDateTime && (max === null || c.lastModifiedDateTime > max) ? c.lastModifiedDateTime : max), null);
  await writeSyncFile(file, { companyId, lastModifiedDateTime: highWater, customers, deltaLink: round.deltaLink! });
  log.detail(`${upserts} upserted, ${deletes} deleted in ${round.requests} ${round.requests === 1 ? "request" : "requests"}; ${Object.keys(customers).length} customers in ${file}`, "next run asks for the changes since this round's delta link");
  return true;
}

export async function readSyncFile(file: string): Promise<CustomerSyncFile | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as CustomerSyncFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Written to a temporary file and renamed, so an interrupted run never leaves half a file. */
async function writeSyncFile(file: string, data: CustomerSyncFile): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(data, null, 2)}\n`);
  await rename(temporary, file);
}
