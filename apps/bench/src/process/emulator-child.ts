// The emulator in a process of its own, for the bench sections whose client must not share the
// emulator's thread (bulk writes, sync memory, scale-out). Started by emulator-process.ts; talks over
// IPC only: "ready" with what a client needs, then answers "token-requests", "usage" and "close".
import { startEmulator } from "@bcts/emulator";
import type { EmulatorChildMessage, EmulatorParentMessage, EmulatorSettings } from "./emulator-process.js";

const settings = JSON.parse(process.env["BENCH_EMULATOR"] ?? "{}") as EmulatorSettings;
const emu = await startEmulator({
  bc: {
    ...(settings.changeTracking === undefined ? {} : { changeTracking: { enabled: settings.changeTracking } }),
    ...(settings.limits === undefined ? {} : { limits: settings.limits }),
  },
});
if (settings.latency !== undefined) emu.bc.faults.add({ match: { path: new RegExp(settings.latency.pathPattern) }, action: { kind: "latency", ms: settings.latency.ms, processing: settings.latency.processing } });
const send = (message: EmulatorChildMessage): void => void process.send?.(message);
const tokenRequests = (): number => emu.entra.requests.filter((r) => r.method === "POST" && r.path.endsWith("/oauth2/v2.0/token")).length;

let closing = false;
const close = async (): Promise<void> => {
  if (closing) return;
  closing = true;
  await emu.close();
  process.disconnect?.();
};
process.on("message", (message: EmulatorParentMessage) => {
  if (message.type === "token-requests") send({ type: "token-requests", count: tokenRequests() });
  if (message.type === "usage") {
    const cpu = process.cpuUsage();
    send({ type: "usage", cpuInMs: (cpu.user + cpu.system) / 1000 });
  }
  if (message.type === "close") void close();
});
process.once("disconnect", () => void close()); // the bench ended (or died): do not linger
send({
  type: "ready",
  endpoints: {
    tenantId: emu.tenantId, environment: emu.environment, clientId: emu.clientId, clientSecret: emu.clientSecret,
    authorityHost: emu.authorityHost, caPem: emu.caPem, bcBaseUrl: emu.bcBaseUrl, serviceRoot: emu.serviceRootUrl("api/v2.0"),
  },
});
