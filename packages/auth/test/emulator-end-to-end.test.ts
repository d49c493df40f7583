import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "@bcts/emulator";
import { ClientSecretProvider, explainBusinessCentralAuthFailure } from "../src/index.js";

const UNREGISTERED_IN_BC = "9f4a9b3c-8e5d-4cab-8d4f-6f7e8d9a0b12";
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
  emu.entra.addApp(emu.tenantId, { clientId: UNREGISTERED_IN_BC, secrets: [{ value: "registered-in-entra-only" }] });
});
afterAll(() => emu.close());

const companies = async (token: string) => {
  const res = await fetch(`${emu.serviceRootUrl("api/v2.0")}/companies`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.text() };
};

describe("@bcts/auth with the whole emulator (architecture Contract 3 + 4)", () => {
  it("ClientSecretProvider pointed at emu.authorityHost with emu.caPem gets a token the fake Business Central accepts", async () => {
    const credential = new ClientSecretProvider({ tenantId: emu.tenantId, clientId: emu.clientId, clientSecret: emu.clientSecret, authorityHost: emu.authorityHost, ca: emu.caPem });
    const { token } = await credential.getToken();
    const res = await companies(token);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).value.length).toBeGreaterThan(0);
  });

  it("§1.4 an app Entra knows but BC's Microsoft Entra Applications page does not → 401 explained", async () => {
    const credential = new ClientSecretProvider({ tenantId: emu.tenantId, clientId: UNREGISTERED_IN_BC, clientSecret: "registered-in-entra-only", authorityHost: emu.authorityHost, ca: emu.caPem });
    const res = await companies((await credential.getToken()).token);
    expect(res.status).toBe(401);
    const why = explainBusinessCentralAuthFailure(res.status, res.body);
    expect(why?.code).toBe("Authentication_InvalidCredentials");
    expect(why?.remedy).toContain("Microsoft Entra Applications");
  });
});
