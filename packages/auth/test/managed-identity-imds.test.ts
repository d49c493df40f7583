import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "@bcts/emulator";
import {
  AuthenticationConfigurationError,
  ManagedIdentityProvider,
  TransientAuthenticationError,
  createTokenProviderFromEnvironment,
  type TokenEvent,
} from "../src/index.js";
import { MI, callBc, claimsOf, recordingLogger, startManagedIdentityHost } from "./managed-identity-fixture.js";

// IMDS style over real HTTP: msal-node sends GET {AZURE_POD_IDENTITY_AUTHORITY_HOST}/metadata/identity/oauth2/token.
let emu: Emulator;
beforeAll(async () => void (emu = await startManagedIdentityHost("imds")));
afterAll(() => emu.close());
beforeEach(() => {
  emu.entra.setBehavior(undefined);
  emu.entra.clearRequests();
});

const miRequests = () => emu.entra.requests.filter((r) => r.endpoint === "managed-identity-imds");
const fast = { retryDelayInMs: 5, timeoutInMs: 2_000 } as const;

describe("ManagedIdentityProvider, IMDS endpoint", () => {
  it("system-assigned: one GET with Metadata: true and the BC resource; the token works at the fake BC", async () => {
    const provider = new ManagedIdentityProvider(fast);
    expect(provider.source()).toBe("DefaultToImds");
    const { token, expiresOnTimestamp } = await provider.getToken();
    expect(await callBc(emu, token)).toBe(200);
    expect(claimsOf(token)).toMatchObject({ appid: MI.system, aud: "https://api.businesscentral.dynamics.com", idtyp: "app" });
    expect(expiresOnTimestamp).toBeGreaterThan(Date.now() + 3_000_000);
    const [req, ...more] = miRequests();
    expect(more).toEqual([]);
    expect(req).toMatchObject({ method: "GET", path: "/metadata/identity/oauth2/token", query: { "api-version": "2018-02-01", resource: "https://api.businesscentral.dynamics.com" } });
    expect(req!.headers.metadata).toBe("true");
    expect(req!.query.client_id).toBeUndefined();
  });

  it("caches: a second call sends nothing; forceRefresh (after BC's 401) sends one more request", async () => {
    let now = Date.now();
    const provider = new ManagedIdentityProvider({ ...fast, clock: () => now });
    const a = await provider.getToken();
    expect((await provider.getToken()).token).toBe(a.token);
    expect(miRequests()).toHaveLength(1);
    now += 60_000; // past the minimum interval between forced refreshes
    await provider.getToken({ forceRefresh: true });
    expect(miRequests()).toHaveLength(2);
  });

  it.each([
    { by: "client id", options: { clientId: MI.userAssigned }, query: { client_id: MI.userAssigned } },
    { by: "resource id", options: { resourceId: MI.userAssignedResourceId }, query: { msi_res_id: MI.userAssignedResourceId } },
    { by: "object id", options: { objectId: MI.userAssignedObjectId }, query: { object_id: MI.userAssignedObjectId } },
  ])("user-assigned by $by", async ({ options, query }) => {
    const { token } = await new ManagedIdentityProvider({ ...fast, ...options }).getToken();
    expect(claimsOf(token).appid).toBe(MI.userAssigned);
    expect(miRequests()[0]!.query).toMatchObject(query);
    expect(await callBc(emu, token)).toBe(200);
  });

  it("an identity the host does not have: 400 invalid_request 'Identity not found' → configuration error with a remedy, not retried", async () => {
    const { lines, logger } = recordingLogger();
    const events: TokenEvent[] = [];
    const provider = new ManagedIdentityProvider({ ...fast, clientId: "00000000-1111-4222-8333-444444444444", logger, onTokenEvent: (e) => events.push(e) });
    const error = await provider.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationConfigurationError);
    expect(error).toMatchObject({ code: "invalid_request", status: 400, retryable: false });
    expect((error as Error).message).toContain("Identity not found");
    expect((error as AuthenticationConfigurationError).remedy).toContain("Attach the user-assigned identity");
    expect(miRequests()).toHaveLength(1);
    expect(events.map((e) => e.type)).toEqual(["token-failed"]);
    expect(lines.join("\n")).toContain("token request failed");
  });

  it("Business Central not provisioned for the resource: IMDS passes Entra's AADSTS500011 through", async () => {
    const error = await new ManagedIdentityProvider({ ...fast, resource: "https://unknown.example" }).getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationConfigurationError);
    expect(error).toMatchObject({ code: "invalid_resource", aadsts: 500011, status: 400 });
  });

  it("an identity Entra issues tokens for but BC does not know → BC answers 401", async () => {
    const { token } = await new ManagedIdentityProvider({ ...fast, clientId: MI.notInBc }).getToken();
    expect(await callBc(emu, token)).toBe(401);
  });

  it("500 then success: retried below MSAL, the caller sees the token", async () => {
    emu.entra.setBehavior((r) => (r.index === 0 ? { status: 500, json: { error: "unknown_error", error_description: "IMDS had a bad moment" } } : undefined));
    const { token } = await new ManagedIdentityProvider(fast).getToken();
    expect(await callBc(emu, token)).toBe(200);
    expect(miRequests().map((r) => r.status)).toEqual([500, 200]);
  });

  it.each([
    { name: "429 throttled", status: 429 },
    { name: "410 IMDS updating", status: 410 },
    { name: "503", status: 503 },
  ])("$name on every attempt → transient error after 1 + maxRetries attempts", async ({ status }) => {
    emu.entra.setBehavior(() => ({ status, json: { error: "temporarily_unavailable", error_description: `status ${status}` } }));
    const error = await new ManagedIdentityProvider({ ...fast, maxRetries: 2 }).getToken().catch((e: unknown) => e);
    expect(miRequests()).toHaveLength(3);
    if (status === 410) {
      // 410 is retried like IMDS asks, then answered as a client error by MSAL.
      expect(error).toBeInstanceOf(AuthenticationConfigurationError);
      expect(error).toMatchObject({ status: 410 });
    } else {
      expect(error).toBeInstanceOf(TransientAuthenticationError);
      expect(error).toMatchObject({ status, retryable: true });
    }
  });

  it("no answer (hang) → transient timeout naming the endpoint, no token", async () => {
    emu.entra.setBehavior(() => ({ hang: true }));
    const error = await new ManagedIdentityProvider({ timeoutInMs: 200, maxRetries: 0 }).getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientAuthenticationError);
    expect(error).toMatchObject({ code: "timeout" });
    expect((error as Error).message).toContain("/metadata/identity/oauth2/token");
  });

  it("a 200 that is not JSON → transient invalid_response", async () => {
    emu.entra.setBehavior(() => ({ status: 200, raw: "<html>proxy login</html>" }));
    const error = await new ManagedIdentityProvider({ ...fast, maxRetries: 0 }).getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientAuthenticationError);
    expect(error).toMatchObject({ code: "invalid_response", status: 200 });
  });
});

describe("createTokenProviderFromEnvironment picks managed identity like Azure SDK", () => {
  it("no credential variables → system-assigned; AZURE_CLIENT_ID alone → that user-assigned identity", async () => {
    const system = createTokenProviderFromEnvironment({ env: {} });
    expect(system).toBeInstanceOf(ManagedIdentityProvider);
    expect(claimsOf((await system.getToken()).token).appid).toBe(MI.system);
    const user = createTokenProviderFromEnvironment({ env: { AZURE_CLIENT_ID: MI.userAssigned, AZURE_TENANT_ID: "ignored-for-managed-identity" } });
    expect(claimsOf((await user.getToken()).token).appid).toBe(MI.userAssigned);
  });

  it("managedIdentity: false keeps the old 'name what is missing' error", () => {
    expect(() => createTokenProviderFromEnvironment({ env: {}, managedIdentity: false })).toThrow(/set AZURE_TENANT_ID and AZURE_CLIENT_ID/);
  });
});
