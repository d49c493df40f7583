import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../src/index.js";
import { fetchClientCredentialsToken } from "./support/https-token.js";

describe("startEmulator (Contract 4)", () => {
  let emu: Emulator;
  let token: string;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0 });
    const res = await fetchClientCredentialsToken(emu);
    expect(res.status).toBe(200);
    token = String(res.body["access_token"]);
  });
  afterAll(async () => {
    await emu?.close();
  });

  it("exposes the documented surface with deterministic demo values", () => {
    expect(emu.bcBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emu.authorityHost).toMatch(/^https:\/\/localhost:\d+$/);
    expect(emu.environment).toBe("production");
    expect(emu.serviceRootUrl("api/v2.0")).toBe(`${emu.bcBaseUrl}/v2.0/${emu.tenantId}/production/api/v2.0`);
    expect(emu.caPem).toContain("BEGIN CERTIFICATE");
    expect(emu.clientSecret.toLowerCase()).toContain("demo");
  });

  it("§1.4 a token from the fake Entra opens the BC API (seed CRUD flow: list companies)", async () => {
    const res = await fetch(`${emu.serviceRootUrl("api/v2.0")}/companies`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { value: { name: string }[] };
    expect(body.value.map((c) => c.name)).toEqual(["CRONUS USA, Inc."]);
  });

  it("§1.4 an app removed from BC's Entra Applications page gets 401 Authentication_InvalidCredentials", async () => {
    emu.bc.setApplicationEnabled(emu.tenantId, emu.clientId, false);
    try {
      const res = await fetch(`${emu.serviceRootUrl("api/v2.0")}/companies`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(401);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("Authentication_InvalidCredentials");
      expect(body.error.message).toMatch(/^The server has rejected the client credentials\.  CorrelationId:  [0-9a-f-]{36}\.$/);
    } finally {
      emu.bc.setApplicationEnabled(emu.tenantId, emu.clientId, true);
    }
  });

  it("§1.5 a forged token (not signed by the fake Entra) is 401", async () => {
    const [h, , s] = token.split(".");
    const forged = `${h}.${Buffer.from(JSON.stringify({ aud: "https://api.businesscentral.dynamics.com", tid: emu.tenantId })).toString("base64url")}.${s}`;
    const res = await fetch(`${emu.serviceRootUrl("api/v2.0")}/companies`, { headers: { authorization: `Bearer ${forged}` } });
    expect(res.status).toBe(401);
  });

  it("close() stops both servers", async () => {
    const other = await startEmulator();
    await other.close();
    await expect(fetch(`${other.bcBaseUrl}/v2.0/x/production/api/v2.0`)).rejects.toThrow();
  });
});
