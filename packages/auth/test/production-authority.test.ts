import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent } from "node:https";
import { connect } from "node:tls";
import { ClientSecretProvider } from "../src/index.js";
import { FAKE_ENTRA_DEMO, startFakeEntra, type FakeEntra } from "./fake-entra-fixture.js";

let entra: FakeEntra;
beforeAll(async () => {
  entra = await startFakeEntra();
});
afterAll(() => entra.close());

/** Sends every connection to the fake, whatever host the URL names (msal-node-notes §2.1 row M). */
function toFake(fake: FakeEntra): Agent {
  const agent = new Agent({ keepAlive: false });
  agent.createConnection = (_options, callback) => {
    const socket = connect({ host: "127.0.0.1", port: fake.port, servername: "localhost", ca: fake.caPem });
    socket.once("secureConnect", () => callback?.(null, socket));
    socket.once("error", (e) => callback?.(e, socket));
    return socket;
  };
  return agent;
}

describe("production authority string (msal-node-notes §2.1 row M, §3)", () => {
  it("default authority https://login.microsoftonline.com: exactly one POST to /{tenant}/oauth2/v2.0/token, no discovery GET", async () => {
    const provider = new ClientSecretProvider({
      tenantId: FAKE_ENTRA_DEMO.tenantId, clientId: FAKE_ENTRA_DEMO.clientId, clientSecret: FAKE_ENTRA_DEMO.clientSecret, agent: toFake(entra),
    });
    expect(provider.authority).toBe(`https://login.microsoftonline.com/${FAKE_ENTRA_DEMO.tenantId}`);
    const token = await provider.getToken();
    expect(entra.validateAccessToken(token.token).ok).toBe(true);
    expect(entra.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`POST /${FAKE_ENTRA_DEMO.tenantId}/oauth2/v2.0/token`]);
    expect(entra.requests[0]!.headers.host).toBe("login.microsoftonline.com");
    expect(entra.requests[0]!.form).toMatchObject({ grant_type: "client_credentials", scope: "https://api.businesscentral.dynamics.com/.default" });
  });
});
