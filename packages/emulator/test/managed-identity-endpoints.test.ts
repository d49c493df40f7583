import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeEntra, type FakeEntra } from "../src/index.js";

// Raw HTTP against the fake host's managed-identity endpoints: the error shapes msal-node never provokes itself.
const SYSTEM = "5a7e3c1d-2b4f-4e6a-9c8d-1f0e2d3c4b5a";
const UA = ["8c2d4e6f-1a3b-4c5d-8e7f-9a0b1c2d3e4f", "2e4f6a8c-0b1d-4e3f-a5b7-c9d1e3f5a7b9"] as const;
const HEADER = "the-identity-header";
const RESOURCE = "https://api.businesscentral.dynamics.com";

let withSystem: FakeEntra;
let onlyUserAssigned: FakeEntra;
beforeAll(async () => {
  withSystem = await startFakeEntra({ managedIdentity: { systemAssigned: { clientId: SYSTEM }, userAssigned: [{ clientId: UA[0] }], identityHeader: HEADER } });
  onlyUserAssigned = await startFakeEntra({ managedIdentity: { userAssigned: UA.map((clientId) => ({ clientId })), identityHeader: HEADER } });
});
afterAll(() => Promise.all([withSystem.close(), onlyUserAssigned.close()]));

async function imds(fake: FakeEntra, query: Readonly<Record<string, string | undefined>>, headers: Record<string, string> = { Metadata: "true" }) {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
  const res = await fetch(`${fake.managedIdentity!.imdsHost}/metadata/identity/oauth2/token?${params}`, { headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
async function appService(fake: FakeEntra, query: Readonly<Record<string, string | undefined>>, headers: Record<string, string> = { "X-IDENTITY-HEADER": HEADER }) {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
  const res = await fetch(`${fake.managedIdentity!.appServiceEndpoint}?${params}`, { headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("IMDS style (GET /metadata/identity/oauth2/token, api-version 2018-02-01, Metadata: true)", () => {
  it("answers a token with string-typed numbers, like IMDS", async () => {
    const { status, body } = await imds(withSystem, { "api-version": "2018-02-01", resource: RESOURCE });
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: "Bearer", resource: RESOURCE, client_id: SYSTEM, expires_in: "3599" });
    expect(body.expires_on).toMatch(/^\d+$/);
    expect(withSystem.validateAccessToken(body.access_token as string)).toMatchObject({ ok: true, claims: { appid: SYSTEM, appidacr: "2" } });
  });

  it.each([
    { name: "no Metadata header", query: { "api-version": "2018-02-01", resource: RESOURCE }, headers: {}, want: { status: 400, error: "bad_request_102", text: "Required metadata header not specified" } },
    { name: "wrong api-version", query: { "api-version": "2019-08-01", resource: RESOURCE }, headers: undefined, want: { status: 400, error: "invalid_request", text: "api-version" } },
    { name: "no resource", query: { "api-version": "2018-02-01" }, headers: undefined, want: { status: 400, error: "invalid_request", text: "resource" } },
    { name: "unknown client_id", query: { "api-version": "2018-02-01", resource: RESOURCE, client_id: "00000000-0000-4000-8000-000000000000" }, headers: undefined, want: { status: 400, error: "invalid_request", text: "Identity not found" } },
    { name: "unknown resource", query: { "api-version": "2018-02-01", resource: "https://unknown.example" }, headers: undefined, want: { status: 400, error: "invalid_resource", text: "AADSTS500011" } },
  ])("$name → $want.status {error, error_description}", async ({ query, headers, want }) => {
    const { status, body } = await imds(withSystem, query, headers);
    expect(status).toBe(want.status);
    expect(body.error).toBe(want.error);
    expect(body.error_description).toContain(want.text);
    expect(body.access_token).toBeUndefined();
  });

  it("no system-assigned and several user-assigned identities: the caller must say which", async () => {
    const { status, body } = await imds(onlyUserAssigned, { "api-version": "2018-02-01", resource: RESOURCE });
    expect(status).toBe(400);
    expect(body.error_description).toMatch(/Multiple user assigned identities/);
    expect((await imds(onlyUserAssigned, { "api-version": "2018-02-01", resource: RESOURCE, client_id: UA[1] })).body.client_id).toBe(UA[1]);
  });
});

describe("App Service style (GET {IDENTITY_ENDPOINT}, api-version 2019-08-01, X-IDENTITY-HEADER)", () => {
  it("answers a token; environment() names the variables msal-node reads", async () => {
    const { status, body } = await appService(withSystem, { "api-version": "2019-08-01", resource: RESOURCE, client_id: UA[0] });
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: "Bearer", client_id: UA[0], resource: RESOURCE });
    expect(body.expires_in).toBeUndefined();
    expect(withSystem.managedIdentity!.environment("app-service")).toEqual({ IDENTITY_ENDPOINT: withSystem.managedIdentity!.appServiceEndpoint, IDENTITY_HEADER: HEADER });
    expect(withSystem.managedIdentity!.environment("imds")).toEqual({ AZURE_POD_IDENTITY_AUTHORITY_HOST: withSystem.managedIdentity!.imdsHost });
  });

  it.each([
    { name: "wrong secret header", query: { "api-version": "2019-08-01", resource: RESOURCE }, headers: { "X-IDENTITY-HEADER": "guess" }, want: { status: 401, text: "X-IDENTITY-HEADER" } },
    { name: "IMDS api-version", query: { "api-version": "2018-02-01", resource: RESOURCE }, headers: undefined, want: { status: 400, text: "api-version" } },
    { name: "identity not attached", query: { "api-version": "2019-08-01", resource: RESOURCE, client_id: UA[1] }, headers: undefined, want: { status: 400, text: "Unable to load the proper Managed Identity." } },
  ])("$name → $want.status {statusCode, message, correlationId}", async ({ query, headers, want }) => {
    const { status, body } = await appService(withSystem, query, headers);
    expect(status).toBe(want.status);
    expect(body).toMatchObject({ statusCode: want.status });
    expect(body.message).toContain(want.text);
    expect(body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("logs the requests with the secret header redacted", () => {
    const logged = withSystem.requests.filter((r) => r.endpoint === "managed-identity-app-service");
    expect(logged.length).toBeGreaterThan(0);
    expect(JSON.stringify(logged)).not.toContain(HEADER);
  });
});
