// Child entry of the bulk section: runs the emulator in a process of its own, so the bench's client
// (timing, heap) does not share its thread and heap with the emulator's work.
// Reads its settings as JSON from BENCH_BULK_EMULATOR, prints one JSON line with what a client needs,
// answers a "usage" line on stdin with its CPU time, and stops when its stdin closes (the parent exits
// or calls `stop()`).
import { createInterface } from "node:readline";
import { startEmulator } from "@bcts/emulator";
import type { EmulatorChildReady, EmulatorChildSettings } from "./start-emulator-child.js";

const settings = JSON.parse(process.env["BENCH_BULK_EMULATOR"] ?? "{}") as EmulatorChildSettings;
const emu = await startEmulator({
  bc: {
    changeTracking: { enabled: settings.changeTracking },
    ...(settings.limits === undefined ? {} : { limits: settings.limits }),
  },
});
if (settings.latency !== undefined) emu.bc.faults.add({ match: { path: new RegExp(settings.latency.pathPattern) }, action: { kind: "latency", ms: settings.latency.ms } });
const ready: EmulatorChildReady = {
  tenantId: emu.tenantId, environment: emu.environment, clientId: emu.clientId, clientSecret: emu.clientSecret,
  authorityHost: emu.authorityHost, caPem: emu.caPem, bcBaseUrl: emu.bcBaseUrl,
};
process.stdout.write(`${JSON.stringify(ready)}\n`);
const commands = createInterface({ input: process.stdin });
commands.on("line", (line) => {
  if (line.trim() !== "usage") return;
  const cpu = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ cpuInMs: (cpu.user + cpu.system) / 1000 })}\n`);
});
commands.on("close", () => void emu.close().then(() => process.exit(0)));
