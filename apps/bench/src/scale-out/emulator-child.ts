// The scale-out section's emulator, in a process of its own so that its CPU is not the bench's
// (the counting proxy and the timing run in the bench's process). Started by emulator-process.ts;
// talks over IPC only: "ready" with what the workers need, then answers "token-requests" and "close".
import { startEmulator } from "@bcts/emulator";
import type { EmulatorChildConfig, EmulatorChildMessage, EmulatorParentMessage } from "./emulator-process.js";

const config = JSON.parse(process.env["BCTS_SCALE_OUT_EMULATOR"] ?? "{}") as EmulatorChildConfig;
const emu = await startEmulator({ bc: { limits: config.limits } });
emu.bc.faults.add({ match: { path: "/companies" }, action: { kind: "latency", ms: config.latencyInMs } });
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
  if (message.type === "close") void close();
});
process.once("disconnect", () => void close()); // the bench ended (or died): do not linger
send({
  type: "ready",
  emulator: {
    bcBaseUrl: emu.bcBaseUrl, serviceRoot: emu.serviceRootUrl("api/v2.0"),
    tenantId: emu.tenantId, clientId: emu.clientId, clientSecret: emu.clientSecret, authorityHost: emu.authorityHost, caPem: emu.caPem,
  },
});
