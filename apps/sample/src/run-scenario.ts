// Runs one scenario: node scripts/pnpm.mjs scenario <name>
// Against the embedded emulator by default, or a live tenant (see target.ts for the variables).
import { randomUUID } from "node:crypto";
import { log } from "./log.js";
import { scenarios } from "./scenario-registry.js";
import { resolveTarget } from "./target.js";

async function main(name: string | undefined): Promise<void> {
  const scenario = name === undefined ? undefined : scenarios[name];
  if (!scenario) {
    process.stdout.write(`Usage: node scripts/pnpm.mjs scenario <name>\n\nScenarios:\n`);
    for (const [key, entry] of Object.entries(scenarios)) process.stdout.write(`  ${key.padEnd(18)} ${entry.summary}\n${" ".repeat(21)}options: ${entry.variables.join(", ")}\n`);
    if (name !== undefined) throw new Error(`Unknown scenario "${name}".`);
    return;
  }
  log.step(`Scenario ${name}: ${scenario.summary}`);
  const target = await resolveTarget(process.env, { emulator: scenario.emulator });
  try {
    log.detail(...target.description);
    await scenario.run(target, process.env, randomUUID().slice(0, 8));
    log.step("Done");
  } finally {
    await target.close();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(`\n✖ ${message}\n`);
  process.exitCode = 1;
});
