import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Customer } from "@bcts/client";
import { clientFor, pickCompany } from "../company.js";
import { log } from "../log.js";
import { mirrorCustomersToPostgres } from "./postgres-customer-mirror.js";
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
}

/**
 * Incremental sync of customers into a local JSON file. The first run copies all customers page
 * by page; later runs ask only for `lastModifiedDateTime gt <high-water mark>` and merge them.
 * Deletions are not seen by this pattern (use webhooks or a periodic full compare for those).
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
