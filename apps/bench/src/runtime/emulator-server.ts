import { ClientSecretProvider } from "@bcts/auth";
import { cronusCompanyId, startEmulator } from "@bcts/emulator";
import type { BenchServer } from "./canned-server.js";

/**
 * The bcts emulator (fake Entra + fake BC driven by real $metadata, seeded CRONUS company) on
 * 127.0.0.1:0. One token is fetched up front through the fake Entra and shared by every client,
 * so token acquisition is not part of the timed requests.
 */
export async function startEmulatorServer(): Promise<BenchServer> {
  // BC's 6,000-per-5-minutes window is lifted: the timing loops send more than that in a minute, and
  // what they measure is the client's cost per request, not throttling (that has its own section).
  const emu = await startEmulator({ port: 0, bc: { limits: { maxRequestsPerWindow: 1_000_000_000 } } });
  try {
    const credential = new ClientSecretProvider({
      tenantId: emu.tenantId, clientId: emu.clientId, clientSecret: emu.clientSecret, authorityHost: emu.authorityHost, ca: emu.caPem,
    });
    const { token } = await credential.getToken();
    const serviceRoot = emu.serviceRootUrl("api/v2.0");
    const res = await fetch(`${serviceRoot}/companies(${cronusCompanyId})/customers?$top=1&$select=id`, { headers: { Authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`emulator answered ${res.status} to the customer lookup`);
    const customerId = ((await res.json()) as { value: { id: string }[] }).value[0]?.id;
    if (!customerId) throw new Error("the emulator's seeded company has no customer");
    return {
      kind: "bcts emulator (@bcts/emulator startEmulator, seeded CRONUS company)",
      target: { serviceRoot, companyId: cronusCompanyId, customerId, token },
      requests: [],
      close: () => emu.close(),
    };
  } catch (error) {
    await emu.close();
    throw error;
  }
}
