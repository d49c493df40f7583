import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AuthenticationConfigurationError, ClientSecretProvider, TransientAuthenticationError } from "../src/index.js";
import { FAKE_ENTRA_DEMO, fakeAuthority, leakedIn, startFakeEntra, tokenPosts, type FakeEntra } from "./fake-entra-fixture.js";

const NO_BC_TENANT = "4a4a4a4a-1111-4222-8333-944455556666";
let entra: FakeEntra;
let now = Date.now();
beforeAll(async () => {
  entra = await startFakeEntra({ clock: () => now });
  entra.addTenant({ id: NO_BC_TENANT, bcProvisioned: false, apps: [{ clientId: FAKE_ENTRA_DEMO.clientId, secrets: [{ value: FAKE_ENTRA_DEMO.clientSecret }] }] });
  entra.findTenant(FAKE_ENTRA_DEMO.tenantId)!.apps[0]!.secrets.push({ value: "expired~Secret.Value", expiresAt: now - 1000 });
});
afterAll(() => entra.close());
beforeEach(() => {
  entra.setBehavior(undefined);
  entra.clearRequests();
});

const provider = (o: Partial<ConstructorParameters<typeof ClientSecretProvider>[0]> = {}) =>
  new ClientSecretProvider({ ...fakeAuthority(entra), clientSecret: FAKE_ENTRA_DEMO.clientSecret, ...o });

describe("configuration errors carry the AADSTS code, HTTP status and a remedy (bc-api-facts §1.3)", () => {
  const cases = [
    { name: "§1.3 expired secret → AADSTS7000222", o: { clientSecret: "expired~Secret.Value" }, aadsts: 7000222, status: 401, remedy: "the client secret has expired" },
    { name: "§1.3 unknown app → AADSTS700016", o: { clientId: "99999999-9999-4999-8999-999999999999" }, aadsts: 700016, status: 400, remedy: "not found in this tenant" },
    { name: "§1.3 unknown tenant (discovery) → AADSTS90002", o: { tenantId: "00000000-0000-4000-8000-00000000dead" }, aadsts: 90002, status: 400, remedy: "the tenant was not found" },
    { name: "§1.3 BC not provisioned in tenant → AADSTS500011", o: { tenantId: NO_BC_TENANT }, aadsts: 500011, status: 400, remedy: "Business Central is not available in this tenant" },
    { name: "§1.3 wrong scope → AADSTS1002012", o: { scopes: ["https://api.businesscentral.dynamics.com/user_impersonation"] }, aadsts: 1002012, status: 400, remedy: "/.default" },
  ];
  it.each(cases)("$name", async ({ o, aadsts, status, remedy }) => {
    const error = await provider(o).getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationConfigurationError);
    expect(error).toMatchObject({ aadsts, status, retryable: false });
    expect((error as AuthenticationConfigurationError).remedy).toContain(remedy);
    expect((error as Error).message).toContain(`AADSTS${aadsts}`);
    expect((error as Error).message).not.toMatch(/Trace ID|\r\n/);
    expect(leakedIn(error, FAKE_ENTRA_DEMO.clientSecret, "expired~Secret.Value")).toEqual([]);
  });

  it("65001 consent missing maps to a configuration error with the consent remedy", async () => {
    entra.setBehavior((r) => (r.endpoint === "token" ? {
      status: 400,
      json: { error: "invalid_grant", error_description: "AADSTS65001: The user or administrator has not consented to use the application.\r\nTrace ID: x\r\nCorrelation ID: y\r\nTimestamp: z", error_codes: [65001] },
    } : undefined));
    const error = await provider().getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationConfigurationError);
    expect((error as AuthenticationConfigurationError).remedy).toContain("grant consent");
  });

  it.each([
    ["common", /not a tenant/],
    ["not a tenant!", /neither a GUID nor a domain/],
    ["", /tenantId is missing/],
  ])("tenantId %j fails in the constructor", (tenantId, message) => {
    expect(() => provider({ tenantId })).toThrow(message);
  });

  it("http authority host fails in the constructor (Entra and msal-node need https)", () => {
    expect(() => provider({ authorityHost: entra.origin.replace("https", "http") })).toThrow(/must use https/);
  });
});

describe("transient errors: retried below MSAL, then retryable (msal-node-notes §7)", () => {
  it("a 503 that recovers on retry is invisible to the caller (one getToken, two POSTs)", async () => {
    let posts = 0;
    entra.setBehavior((r) => (r.endpoint === "token" && posts++ === 0 ? { status: 503, json: { error: "temporarily_unavailable", error_codes: [50012] } } : undefined));
    const token = await provider({ maxRetries: 1 }).getToken();
    expect(entra.validateAccessToken(token.token).ok).toBe(true);
    expect(tokenPosts(entra)).toBe(2);
  });

  it("persistent 503 → TransientAuthenticationError with status; the next call goes to the network again (no MSAL throttle replay)", async () => {
    entra.setBehavior((r) => (r.endpoint === "token" ? { status: 503, json: { error: "temporarily_unavailable", error_codes: [50012] }, headers: { "retry-after": "30" } } : undefined));
    const p = provider({ maxRetries: 1, refreshPolicy: { initialBackoffInMs: 0, maxBackoffInMs: 0 } });
    const error = await p.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientAuthenticationError);
    expect(error).toMatchObject({ status: 503, aadsts: 50012, retryable: true, throttledByMsal: false, retryAfterInMs: 30_000 });
    entra.setBehavior(undefined);
    const token = await p.getToken();
    expect(entra.validateAccessToken(token.token).ok).toBe(true);
  });

  it("502 HTML from a proxy → transient, status kept", async () => {
    entra.setBehavior((r) => (r.endpoint === "token" ? { status: 502, raw: "<html><body>Bad Gateway</body></html>" } : undefined));
    const error = await provider().getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientAuthenticationError);
    expect(error).toMatchObject({ status: 502 });
  });

  it("400 JSON without an error field → transient invalid_response (msal-node would return an empty token)", async () => {
    entra.setBehavior((r) => (r.endpoint === "token" ? { status: 400, json: { message: "nope" } } : undefined));
    const error = await provider().getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientAuthenticationError);
    expect(error).toMatchObject({ code: "invalid_response", status: 400 });
  });

  it("a hanging token endpoint fails after timeoutInMs, not after ~300 s", async () => {
    entra.setBehavior((r) => (r.endpoint === "token" ? { hang: true } : undefined));
    const started = Date.now();
    const error = await provider({ timeoutInMs: 300 }).getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientAuthenticationError);
    expect(error).toMatchObject({ code: "timeout" });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("socket reset → transient network_error", async () => {
    entra.setBehavior((r) => (r.endpoint === "token" ? { destroy: true } : undefined));
    const error = await provider().getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientAuthenticationError);
    expect(error).toMatchObject({ code: "network_error" });
  });

  it("200 with expires_in 0 (expiry not in the future) → transient error", async () => {
    entra.setBehavior((r) => (r.endpoint === "token" ? { status: 200, json: { token_type: "Bearer", expires_in: 0, access_token: "eyJhbGciOiJSUzI1NiJ9.eyJ4IjoxfQ.c2ln" } } : undefined));
    const error = await provider().getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientAuthenticationError);
    expect(leakedIn(error, "eyJhbGciOiJSUzI1NiJ9.eyJ4IjoxfQ.c2ln")).toEqual([]);
  });
});
