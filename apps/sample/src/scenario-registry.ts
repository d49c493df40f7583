import type { StartEmulatorOptions } from "@bcts/emulator";
import { customerCrud } from "./scenarios/customer-crud.js";
import { delegatedSignIn } from "./scenarios/delegated-sign-in.js";
import { itemPricesBatch } from "./scenarios/item-prices-batch.js";
import { listCompanies } from "./scenarios/list-companies.js";
import { multiWorker } from "./scenarios/multi-worker.js";
import { salesOrder } from "./scenarios/sales-order.js";
import { syncCustomers } from "./scenarios/sync-customers.js";
import { webhook } from "./scenarios/webhook.js";
import { telemetryScenario } from "./scenarios/telemetry.js";
import type { Target } from "./target.js";

export interface ScenarioEntry {
  readonly summary: string;
  /** Options read from the environment (all optional); shown by the runner's help. */
  readonly variables: readonly string[];
  /** Emulator options this scenario runs with when no live tenant is configured. */
  readonly emulator?: StartEmulatorOptions;
  run(target: Target, env: NodeJS.ProcessEnv, runId: string): Promise<void>;
}

function number(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value.trim() === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number; got "${value}".`);
  return n;
}

/** The sample's scenarios by the name `node scripts/pnpm.mjs scenario <name>` takes. */
export const scenarios: Readonly<Record<string, ScenarioEntry>> = {
  "list-companies": {
    summary: "seed 000: companies and their users through the automation API",
    variables: ["BC_COMPANY_ID"],
    run: (target, env) => listCompanies(target, { companyId: env.BC_COMPANY_ID }),
  },
  "customer-crud": {
    summary: "seed 001: list, create, find, update (If-Match) and delete a customer",
    variables: ["BC_COMPANY_ID"],
    run: (target, env, runId) => customerCrud(target, { companyId: env.BC_COMPANY_ID, runId }),
  },
  "sync-customers": {
    summary: "incremental sync of customers by lastModifiedDateTime, page by page, into a local JSON file",
    variables: ["BC_COMPANY_ID", "SYNC_FILE", "SYNC_PAGE_SIZE"],
    run: (target, env) => syncCustomers(target, { companyId: env.BC_COMPANY_ID, file: env.SYNC_FILE, pageSize: number(env, "SYNC_PAGE_SIZE") }),
  },
  "sales-order": {
    summary: "a sales order with lines by deep insert, shipped and invoiced; the posted invoice",
    variables: ["BC_COMPANY_ID", "BC_CUSTOMER_NUMBER"],
    run: (target, env) => salesOrder(target, { companyId: env.BC_COMPANY_ID, customerNumber: env.BC_CUSTOMER_NUMBER }),
  },
  "item-prices-batch": {
    summary: "an atomic $batch of item price updates; a batch with one bad operation changes nothing",
    variables: ["BC_COMPANY_ID"],
    run: (target, env, runId) => itemPricesBatch(target, { companyId: env.BC_COMPANY_ID, runId }),
  },
  webhook: {
    summary: "a webhook subscription: handshake, a change, the notification and its handling",
    variables: ["BC_COMPANY_ID", "BC_WEBHOOK_URL (public https URL, live only)", "BC_WEBHOOK_PORT"],
    // The emulator's default is BC's ~30 s coalescing delay; 2 s keeps the demo short.
    emulator: { bc: { webhooks: { delayMs: 2_000 } } },
    run: (target, env, runId) => webhook(target, { companyId: env.BC_COMPANY_ID, runId, publicUrl: env.BC_WEBHOOK_URL, port: number(env, "BC_WEBHOOK_PORT") }),
  },
  "delegated-sign-in": {
    summary: "seed 004: an authorization URL handed to a user; their sign-in; BC called with their token",
    variables: ["BC_REDIRECT_URI (live only)"],
    run: (target, env) => delegatedSignIn(target, { redirectUri: env.BC_REDIRECT_URI }),
  },
  "multi-worker": {
    summary: "N worker processes share one identity's limits and token through Redis (@bcts/redis)",
    variables: ["REDIS_URL (default: a redis-server started for the run)", "WORKERS", "REQUESTS_PER_WORKER"],
    run: (target, env) => multiWorker(target, { redisUrl: env.REDIS_URL, workers: number(env, "WORKERS"), requestsPerWorker: number(env, "REQUESTS_PER_WORKER"), clientSecret: env.AZURE_CLIENT_SECRET }),
  },
  telemetry: { summary: "OpenTelemetry spans and metrics (console exporters) and bcts log lines for a list, a throttled call and its retry", variables: ["BC_COMPANY_ID"], run: (target, env) => telemetryScenario(target, { companyId: env.BC_COMPANY_ID }) },
};
