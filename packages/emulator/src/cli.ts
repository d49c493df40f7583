#!/usr/bin/env node
import { defaultRoutes } from "./bc/bc-server-options.js";
import { seedRouteRows } from "./bc/seed/seed-route-rows.js";
import { EMULATOR_USAGE, parseEmulatorCli, type EmulatorCliOptions } from "./emulator-cli-options.js";
import { startEmulator } from "./start-emulator.js";

// `npx bcts-emulator [--port N] [--route PATH=FILE]... [--seed FILE.json] [--rows N]` — runs until Ctrl-C.
let options: EmulatorCliOptions;
try {
  options = parseEmulatorCli(process.argv.slice(2), process.cwd());
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${EMULATOR_USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(EMULATOR_USAGE);
  process.exit(0);
}

// A given path replaces the built-in document of that path; others are added.
const given = new Set(options.routes.map((r) => r.path.toLowerCase()));
const routes = [...defaultRoutes().filter((r) => !given.has(r.path.toLowerCase())), ...options.routes];

let emu: Awaited<ReturnType<typeof startEmulator>>;
try {
  emu = await startEmulator({
    port: options.port,
    entraPort: options.entraPort,
    environment: options.environment,
    bc: { routes, ...(options.persist ? { persistFile: options.persist } : {}) },
  });
} catch (error) {
  console.error(`bcts-emulator could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

const seeded: string[] = [];
try {
  const environment = emu.bc.environment(emu.tenantId, emu.environment);
  const paths = new Set([...options.routes.map((r) => r.path), ...Object.keys(options.seed)]);
  for (const path of paths) {
    const custom = given.has(path.toLowerCase());
    const counts = seedRouteRows(environment, path, { rows: options.seed[path] ?? {}, generate: custom ? options.rows : 0 });
    const list = Object.entries(counts).map(([set, n]) => `${set} ${n}`).join(", ");
    seeded.push(`  ${path}: ${list === "" ? "no rows" : list}`);
  }
} catch (error) {
  console.error(`bcts-emulator: ${error instanceof Error ? error.message : String(error)}`);
  await emu.close();
  process.exit(2);
}

console.log(`bcts emulator running (demo values — not real credentials)
  Business Central base URL : ${emu.bcBaseUrl}
  API v2.0 service root     : ${emu.serviceRootUrl("api/v2.0")}
  Entra authority host      : ${emu.authorityHost}   (authority: ${emu.authorityHost}/${emu.tenantId})
  Tenant id                 : ${emu.tenantId}
  Environment               : ${emu.environment}
  Client id                 : ${emu.clientId}
  Client secret (DEMO ONLY) : ${emu.clientSecret}
  Automation service root   : ${emu.serviceRootUrl("api/microsoft/automation/v2.0")}
${options.routes.map((r) => `  Route ${r.path.padEnd(20)}: ${emu.serviceRootUrl(r.path)}   ($metadata from ${r.metadataFile})`).join("\n")}${options.routes.length > 0 ? "\n" : ""}${seeded.length > 0 ? `Seeded rows:\n${seeded.join("\n")}\n` : ""}  Test CA file              : ${emu.caFile}   (e.g. NODE_EXTRA_CA_CERTS=${emu.caFile})
Press Ctrl-C to stop.`);

const stop = (): void => {
  void emu.close().then(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
