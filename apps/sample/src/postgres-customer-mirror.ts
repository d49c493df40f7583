import pg from "pg";
import { ODataDeltaUnsupportedError } from "@bcts/odata";
import { clientFor, pickCompany } from "./company.js";
import { log } from "./log.js";
import type { Target } from "./target.js";

export interface PostgresMirrorOptions {
  /** e.g. `postgresql://postgres@127.0.0.1:5432/test` (the scenario reads `DATABASE_URL`). */
  readonly databaseUrl: string;
  /** Schema holding `customers` and `sync_state`; created if missing. Default `bcts_sample`. */
  readonly schema?: string;
  readonly companyId?: string;
  /** Prefer: odata.maxpagesize. Default 100. */
  readonly pageSize?: number;
}

export interface MirrorRound {
  readonly upserts: number;
  readonly deletes: number;
  readonly rebaselined: boolean;
  readonly requests: number;
}

/**
 * One delta round into PostgreSQL: the upserts, the deletions and the next delta link are committed in
 * one transaction, so a crash leaves the mirror and its link consistent (the old link replays the round).
 * A first run (no link stored) is a baseline that replaces the company's rows. Rows stream through the
 * open transaction page by page; nothing holds the whole collection.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test node scripts/pnpm.mjs scenario sync-customers
 */
export async function mirrorCustomersToPostgres(target: Target, options: PostgresMirrorOptions): Promise<MirrorRound> {
  const schema = options.schema ?? "bcts_sample";
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`Invalid schema name "${schema}": use lower-case letters, digits and _.`);
  const bc = clientFor(target);
  const company = await pickCompany(bc, options.companyId);
  const db = new pg.Client({ connectionString: options.databaseUrl });
  await db.connect();
  try {
    await db.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await db.query(`CREATE TABLE IF NOT EXISTS ${schema}.customers (company_id text NOT NULL, id text NOT NULL, number text, display_name text, email text, balance_due numeric, last_modified timestamptz, PRIMARY KEY (company_id, id))`);
    await db.query(`CREATE TABLE IF NOT EXISTS ${schema}.sync_state (company_id text PRIMARY KEY, delta_link text NOT NULL, synced_at timestamptz NOT NULL DEFAULT now())`);
    await db.query("BEGIN");
    // One run per company at a time: a second waits here instead of applying an older round over a newer one.
    await db.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`${schema}.customers/${company.id}`]);
    const stored = await db.query<{ delta_link: string }>(`SELECT delta_link FROM ${schema}.sync_state WHERE company_id = $1`, [company.id]);
    const deltaLink = stored.rows[0]?.delta_link;
    log.step(deltaLink ? "Fetch the changes since the stored delta link" : "Baseline: fetch all customers with change tracking");
    const round = bc.company(company.id).customers.sync({ deltaLink, select: ["id", "number", "displayName", "email", "balanceDue", "lastModifiedDateTime"], maxPageSize: options.pageSize ?? 100, onExpired: "rebaseline" });
    const counts = { upserts: 0, deletes: 0, rebaselined: deltaLink === undefined };
    if (deltaLink === undefined) await db.query(`DELETE FROM ${schema}.customers WHERE company_id = $1`, [company.id]);
    for await (const change of round) {
      switch (change.kind) {
        case "upsert": {
          const c = change.entity;
          await db.query(
            `INSERT INTO ${schema}.customers (company_id, id, number, display_name, email, balance_due, last_modified) VALUES ($1,$2,$3,$4,$5,$6,$7)
             ON CONFLICT (company_id, id) DO UPDATE SET number = EXCLUDED.number, display_name = EXCLUDED.display_name, email = EXCLUDED.email, balance_due = EXCLUDED.balance_due, last_modified = EXCLUDED.last_modified`,
            [company.id, c.id, c.number, c.displayName, c.email, c.balanceDue, c.lastModifiedDateTime],
          );
          counts.upserts++;
          break;
        }
        case "delete":
          await db.query(`DELETE FROM ${schema}.customers WHERE company_id = $1 AND id = $2`, [company.id, change.id]);
          counts.deletes++;
          break;
        case "rebaseline":
          log.detail("the stored delta link expired (410): replacing the mirror with a new baseline");
          await db.query(`DELETE FROM ${schema}.customers WHERE company_id = $1`, [company.id]);
          counts.rebaselined = true;
          break;
      }
    }
    await db.query(
      `INSERT INTO ${schema}.sync_state (company_id, delta_link) VALUES ($1, $2) ON CONFLICT (company_id) DO UPDATE SET delta_link = EXCLUDED.delta_link, synced_at = now()`,
      [company.id, round.deltaLink],
    );
    await db.query("COMMIT");
    log.detail(`${counts.upserts} upserted, ${counts.deletes} deleted in ${round.requests} ${round.requests === 1 ? "request" : "requests"}; committed with the next delta link`);
    return { ...counts, requests: round.requests };
  } catch (error) {
    await db.query("ROLLBACK").catch(() => undefined);
    if (error instanceof ODataDeltaUnsupportedError) {
      throw new Error("This server has no delta links (Business Central online removed them in v24), so the PostgreSQL mirror cannot see deletions this way. Unset DATABASE_URL to use the JSON mirror (lastModifiedDateTime), see docs/delta-sync.md.", { cause: error });
    }
    throw error;
  } finally {
    await db.end();
  }
}
