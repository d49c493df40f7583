// The main job: token → $metadata → typed client → the seed-001 customer flow, against the
// embedded emulator by default or a live tenant (see target.ts for the variables).
import { randomUUID } from "node:crypto";
import { generateClient } from "./generate-client.js";
import { log } from "./log.js";
import { resolveTarget } from "./target.js";

async function main(): Promise<void> {
  log.step("Target");
  const target = await resolveTarget();
  try {
    log.detail(...target.description);

    log.step("Acquire an S2S token (client credentials, @azure/msal-node)");
    const token = await target.credential.getToken();
    const minutes = Math.round((token.expiresOnTimestamp - Date.now()) / 60_000);
    log.detail(`Bearer token acquired; expires in ${minutes} min (the token itself is never printed)`);

    log.step("Fetch $metadata and generate the typed client");
    log.detail(`GET ${target.serviceRootUrl}/$metadata`);
    const generated = await generateClient(target);
    log.detail(`packages/client/src/generated/api-v2.0: ${generated.files} files written`);

    // Imported after generation so that the run uses the client just written.
    const { customerCrud } = await import("./scenarios/customer-crud.js");
    await customerCrud(target, { companyId: process.env.BC_COMPANY_ID, runId: randomUUID().slice(0, 8) });
    log.step("Done");
    log.detail("More scenarios (automation companies, sync, sales order, batch, webhooks, delegated sign-in): node scripts/pnpm.mjs scenario");
  } finally {
    await target.close();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(`\n✖ ${message}\n`);
  process.exitCode = 1;
});
