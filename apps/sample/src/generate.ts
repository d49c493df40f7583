// `pnpm generate`: the same code path as the demo's generation step. Against the embedded
// emulator by default; against a live tenant when AZURE_TENANT_ID, AZURE_CLIENT_ID,
// AZURE_CLIENT_SECRET and BC_ENVIRONMENT are set.
import { generateClient } from "./generate-client.js";
import { log } from "./log.js";
import { resolveTarget } from "./target.js";

async function run(): Promise<void> {
  const target = await resolveTarget();
  try {
    log.step("Generate packages/client from $metadata");
    log.detail(...target.description, `GET ${target.serviceRootUrl}/$metadata`);
    const result = await generateClient(target);
    log.detail(`${result.files} files written`, ...result.notes);
  } finally {
    await target.close();
  }
}

run().catch((error: unknown) => {
  process.stderr.write(`\n✖ ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
  process.exitCode = 1;
});
