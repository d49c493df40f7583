import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthenticationConfigurationError, ClientSecretProvider, type TokenEvent } from "../src/index.js";
import { FAKE_ENTRA_DEMO, fakeAuthority, startFakeEntra, type FakeEntra } from "./fake-entra-fixture.js";

const ON_PREM_RESOURCE = "api://bc-onprem.contoso.example";
let entra: FakeEntra;
beforeAll(async () => {
  entra = await startFakeEntra();
  entra.findTenant(FAKE_ENTRA_DEMO.tenantId)!.resources.push(ON_PREM_RESOURCE);
});
afterAll(() => entra.close());
beforeEach(() => entra.setBehavior(undefined));

describe("logger and token events never carry secrets or tokens", () => {
  it("success, failure and MSAL warnings", async () => {
    const lines: string[] = [];
    const events: TokenEvent[] = [];
    const logger = {
      error: (m: string, c?: object) => lines.push(`E ${m} ${JSON.stringify(c ?? {})}`),
      warning: (m: string, c?: object) => lines.push(`W ${m} ${JSON.stringify(c ?? {})}`),
      info: (m: string, c?: object) => lines.push(`I ${m} ${JSON.stringify(c ?? {})}`),
      verbose: (m: string) => lines.push(`V ${m}`),
    };
    const good = new ClientSecretProvider({ ...fakeAuthority(entra), clientSecret: FAKE_ENTRA_DEMO.clientSecret, logger, onTokenEvent: (e) => events.push(e) });
    const { token } = await good.getToken();
    const wrong = "wrong~Secret.Value-For-Logging";
    await new ClientSecretProvider({ ...fakeAuthority(entra), clientSecret: wrong, logger, onTokenEvent: (e) => events.push(e) }).getToken().catch(() => undefined);
    expect(events.map((e) => e.type)).toEqual(["token-acquired", "token-failed"]);
    expect(lines.some((l) => l.startsWith("I ") && l.includes("token acquired (initial)"))).toBe(true);
    expect(lines.some((l) => l.startsWith("W ") && l.includes("AADSTS7000215"))).toBe(true);
    const all = lines.join("\n") + JSON.stringify(events);
    for (const secret of [token, FAKE_ENTRA_DEMO.clientSecret, wrong]) expect(all).not.toContain(secret);
    expect(all).not.toContain("No client info in response");
  });

  it("a throwing onTokenEvent observer does not break getToken", async () => {
    const p = new ClientSecretProvider({ ...fakeAuthority(entra), clientSecret: FAKE_ENTRA_DEMO.clientSecret, onTokenEvent: () => { throw new Error("observer bug"); } });
    expect(entra.validateAccessToken((await p.getToken()).token).ok).toBe(true);
  });
});

describe("options", () => {
  it("BC on-premises configured for Entra: custom resource → token for that audience", async () => {
    const p = new ClientSecretProvider({ ...fakeAuthority(entra), clientSecret: FAKE_ENTRA_DEMO.clientSecret, resource: ON_PREM_RESOURCE });
    expect(p.scopes).toEqual([`${ON_PREM_RESOURCE}/.default`]);
    const v = entra.validateAccessToken((await p.getToken()).token, { audiences: [ON_PREM_RESOURCE] });
    expect(v.ok && v.claims.aud).toBe(ON_PREM_RESOURCE);
  });

  it("a full authority URL replaces authorityHost + tenantId", async () => {
    const p = new ClientSecretProvider({ ...fakeAuthority(entra), authorityHost: undefined, authority: `${entra.origin}/${FAKE_ENTRA_DEMO.domain}`, clientSecret: FAKE_ENTRA_DEMO.clientSecret });
    expect(entra.validateAccessToken((await p.getToken()).token).ok).toBe(true);
  });

  it("a secret that is a GUID gets the Secret ID remedy on AADSTS7000215", async () => {
    const secretId = "0f8e6c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b";
    const error = await new ClientSecretProvider({ ...fakeAuthority(entra), clientSecret: secretId }).getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationConfigurationError);
    expect((error as AuthenticationConfigurationError).remedy).toMatch(/probably the Secret ID/);
    expect((error as Error).message).not.toContain(secretId);
  });
});
