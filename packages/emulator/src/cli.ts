#!/usr/bin/env node
import { parseArgs } from "node:util";
import { startEmulator } from "./start-emulator.js";

// `pnpm emulator [--port N] [--entra-port N] [--environment NAME] [--persist FILE]` — runs until Ctrl-C.
const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    "entra-port": { type: "string", default: "0" },
    environment: { type: "string", default: "production" },
    persist: { type: "string" },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.log("Usage: bcts-emulator [--port N] [--entra-port N] [--environment NAME] [--persist FILE.json]");
  process.exit(0);
}

const toPort = (text: string, flag: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new TypeError(`${flag} must be a port number, got '${text}'`);
  return n;
};

const emu = await startEmulator({
  port: toPort(values.port, "--port"),
  entraPort: toPort(values["entra-port"], "--entra-port"),
  environment: values.environment,
  ...(values.persist ? { bc: { persistFile: values.persist } } : {}),
});

console.log(`bcts emulator running (demo values — not real credentials)
  Business Central base URL : ${emu.bcBaseUrl}
  API v2.0 service root     : ${emu.serviceRootUrl("api/v2.0")}
  Entra authority host      : ${emu.authorityHost}   (authority: ${emu.authorityHost}/${emu.tenantId})
  Tenant id                 : ${emu.tenantId}
  Environment               : ${emu.environment}
  Client id                 : ${emu.clientId}
  Client secret (DEMO ONLY) : ${emu.clientSecret}
  Automation service root   : ${emu.serviceRootUrl("api/microsoft/automation/v2.0")}
  Test CA file              : ${emu.caFile}   (e.g. NODE_EXTRA_CA_CERTS=${emu.caFile})
Press Ctrl-C to stop.`);

const stop = (): void => {
  void emu.close().then(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
