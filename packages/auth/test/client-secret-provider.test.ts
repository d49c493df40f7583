import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { inspect } from "node:util";
import { AuthenticationConfigurationError, ClientSecretProvider, TransientAuthenticationError } from "../src/index.js";
import { FAKE_ENTRA_DEMO, fakeAuthority, leakedIn, startFakeEntra, tokenPosts, type FakeEntra } from "./fake-entra-fixture.js";

let entra: FakeEntra;
beforeAll(async () => {
  entra = await startFakeEntra();
});
afterAll(() => entra.close());
beforeEach(() => {
  entra.setBehavior(undefined);
  entra.clearRequests();
});

const secretProvider = (overrides: Partial<ConstructorParameters<typeof ClientSecretProvider>[0]> = {}) =>
  new ClientSecretProvider({ ...fakeAuthority(entra), clientSecret: FAKE_ENTRA_DEMO.clientSecret, ...overrides });

describe("ClientSecretProvider against the fake Entra ID (real msal-node over HTTPS)", () => {
  it("gets a Business Central app token the fake validates (§1.1 client credentials, §1.2 claims)", async () => {
    const token = await secretProvider().getToken();
    expect(token.tokenType).toBe("Bearer");
    const validation = entra.validateAccessToken(token.token);
    expect(validation.ok).toBe(true);
    if (!validation.ok) return;
    expect(validation.claims).toMatchObject({
      aud: "https://api.businesscentral.dynamics.com", tid: FAKE_ENTRA_DEMO.tenantId, appid: FAKE_ENTRA_DEMO.clientId,
      idtyp: "app", appidacr: "1", ver: "1.0", roles: ["API.ReadWrite.All", "Automation.ReadWrite.All"],
    });
    expect(token.expiresOnTimestamp - Date.now()).toBeGreaterThan(3500_000);
    const post = entra.requests.find((r) => r.endpoint === "token");
    expect(post?.form).toMatchObject({ grant_type: "client_credentials", scope: "https://api.businesscentral.dynamics.com/.default", client_secret: "[redacted]" });
  });

  it("accepts the tenant as a verified domain (§1.1)", async () => {
    const token = await secretProvider({ tenantId: FAKE_ENTRA_DEMO.domain }).getToken();
    const v = entra.validateAccessToken(token.token);
    expect(v.ok && v.claims.tid).toBe(FAKE_ENTRA_DEMO.tenantId);
  });

  it("serves the cached token to later callers without another request", async () => {
    const p = secretProvider();
    const a = await p.getToken();
    const b = await p.getToken();
    expect(b.token).toBe(a.token);
    expect(tokenPosts(entra)).toBe(1);
  });

  it("single flight: 100 concurrent cold callers cause one token request", async () => {
    entra.setBehavior((r) => (r.endpoint === "token" ? { delayInMs: 100 } : undefined));
    const p = secretProvider();
    const tokens = await Promise.all(Array.from({ length: 100 }, () => p.getToken()));
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
    expect(tokenPosts(entra)).toBe(1);
  });

  it("§1.3 wrong secret → AuthenticationConfigurationError AADSTS7000215 (401) with remedy, no secret anywhere", async () => {
    const wrong = "wrong~Secret.Value-That-Must-Not-Leak";
    const error = await secretProvider({ clientSecret: wrong }).getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationConfigurationError);
    expect(error).toMatchObject({ aadsts: 7000215, status: 401, code: "invalid_client", retryable: false, tenantId: FAKE_ENTRA_DEMO.tenantId });
    expect((error as Error).message).toContain("use the secret's Value, not its Secret ID");
    expect(leakedIn(error, wrong, FAKE_ENTRA_DEMO.clientSecret)).toEqual([]);
  });

  it("does not show the secret in util.inspect or JSON of the provider", () => {
    const p = secretProvider();
    expect(inspect(p, { depth: 10, showHidden: true })).not.toContain(FAKE_ENTRA_DEMO.clientSecret);
    expect(JSON.stringify(p)).not.toContain(FAKE_ENTRA_DEMO.clientSecret);
    expect(JSON.parse(JSON.stringify(p))).toMatchObject({ kind: "ClientSecretProvider", tenantId: FAKE_ENTRA_DEMO.tenantId });
  });

  it("200 without an access token → TransientAuthenticationError", async () => {
    entra.setBehavior((r) => (r.endpoint === "token" ? { status: 200, json: { token_type: "Bearer", expires_in: 3599 } } : undefined));
    const error = await secretProvider().getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientAuthenticationError);
    expect(error).toMatchObject({ retryable: true, code: "invalid_response" });
  });
});
