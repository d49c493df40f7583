import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/bc/clock.js";
import { startTestBc, type TestBc } from "./support/start-test-bc.js";
import { testClientId, testTenantId, testToken } from "./support/test-tokens.js";

type ErrorBody = { error: { code: string; message: string } };
const otherTenant = "9d8c7b6a-3333-4e5f-8a9b-0c1d2e3f4a5b";

let t: TestBc;
const clock = new ManualClock();
beforeAll(async () => {
  t = await startTestBc({
    clock,
    tenants: [
      { tenantId: testTenantId, domains: ["cronus.example"], applications: [{ clientId: testClientId }] },
      { tenantId: otherTenant, applications: [{ clientId: testClientId }] },
    ],
  });
});
afterAll(async () => {
  await t.bc.close();
});

const token = (claims: Record<string, unknown> = {}): string => testToken(claims, clock.now());
const get = (init: { token?: string | null } = {}, path = "/companies") => t.json<ErrorBody>(path, { token: init.token === undefined ? token() : init.token });
const expect401 = (res: { status: number; body: ErrorBody; headers: Headers }, code: string, message: string): void => {
  expect(res.status).toBe(401);
  expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
  expect(res.body.error.code).toBe(code);
  expect(res.body.error.message).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}  CorrelationId:  [0-9a-f-]{36}\\.$`));
};

describe("§1.4/§1.5 BC token checks", () => {
  it("a valid token for a registered app is accepted", async () => {
    expect((await get()).status).toBe(200);
  });
  it("§1.5 no token → 401 (never 404), on both URL forms", async () => {
    expect401(await get({ token: null }), "Unauthorized", "The credentials provided are incorrect.");
    const tenantless = await t.json<ErrorBody>(`${t.bc.url}/v2.0/production/api/v2.0/companies`, { token: null });
    expect(tenantless.status).toBe(401);
  });
  it("§1.5 a token the identity provider rejects → 401", async () => {
    expect((await get({ token: "garbage" })).status).toBe(401);
  });
  it("§1.5 an expired token → 401 'The credentials provided are incorrect' (clock injected)", async () => {
    const short = token({ exp: Math.floor(clock.now() / 1000) + 60 });
    expect((await get({ token: short })).status).toBe(200);
    clock.advance(61_000);
    expect401(await get({ token: short }), "Unauthorized", "The credentials provided are incorrect.");
  });
  it("§1.5 a token for another resource → 401 with an OData XML error body", async () => {
    const res = await t.fetch("/companies", { token: token({ aud: "https://graph.microsoft.com" }) });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toMatch(/^application\/xml/);
    expect(await res.text()).toContain('<error xmlns="http://docs.oasis-open.org/odata/ns/metadata"><code>Unauthorized</code><message>The credentials provided are incorrect</message></error>');
  });
  it("§1.5 the wrong-audience body is configurable to JSON", async () => {
    const json = await startTestBc({ wrongAudienceFormat: "json" });
    try {
      const res = await json.json<ErrorBody>("/companies", { token: testToken({ aud: "https://graph.microsoft.com" }) });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("Unauthorized");
    } finally {
      await json.bc.close();
    }
  });
  it("§1.4 a token of another tenant → 401 Authentication_InvalidCredentials", async () => {
    expect401(await get({ token: token({ tid: otherTenant }) }), "Authentication_InvalidCredentials", "The server has rejected the client credentials.");
  });
  it("§1.4 the tenant-less URL takes the tenant from the token", async () => {
    const res = await t.json<{ value: unknown[] }>(`${t.bc.url}/v2.0/production/api/v2.0/companies`, { token: token({ tid: otherTenant }) });
    expect(res.status).toBe(200);
  });
  it("§1.2/§11.10 a token without roles → 401", async () => {
    expect401(await get({ token: token({ roles: [] }) }), "Authentication_InvalidCredentials", "Web service call failed because user could not be authenticated or authorized.");
  });
  it("§1.4 Automation.ReadWrite.All alone does not open api/v2.0", async () => {
    expect((await get({ token: token({ roles: ["Automation.ReadWrite.All"] }) })).status).toBe(401);
  });
  it("§1.4 an app not registered in BC → 401 Authentication_InvalidCredentials; registering it opens access; disabling closes it", async () => {
    const appId = "aaaaaaaa-4444-4bbb-8ccc-dddddddddddd";
    expect401(await get({ token: token({ appid: appId }) }), "Authentication_InvalidCredentials", "The server has rejected the client credentials.");
    t.bc.registerApplication(testTenantId, { clientId: appId, description: "late app" });
    expect((await get({ token: token({ appid: appId }) })).status).toBe(200);
    t.bc.setApplicationEnabled(testTenantId, appId, false);
    expect401(await get({ token: token({ appid: appId }) }), "Authentication_InvalidCredentials", "The server has rejected the client credentials.");
  });
  it("§1.7 a delegated user token (scp Financials.ReadWrite.All, no roles) is accepted without an app registration", async () => {
    const user = token({ idtyp: "user", roles: undefined, scp: "Financials.ReadWrite.All", appid: "cccccccc-6666-4ddd-8eee-ffffffffffff", oid: "11111111-2222-4333-8444-555555555555" });
    expect((await get({ token: user })).status).toBe(200);
    const noScope = token({ idtyp: "user", roles: undefined, scp: "User.Read", appid: "cccccccc-6666-4ddd-8eee-ffffffffffff" });
    expect((await get({ token: noScope })).status).toBe(401);
  });
  it("§2.1 an unknown environment → 404", async () => {
    expect((await t.json(`${t.bc.url}/v2.0/${testTenantId}/sandbox/api/v2.0/companies`)).status).toBe(404);
  });
  it("every request is logged with status and app id", async () => {
    await get();
    const last = t.bc.requests.at(-1)!;
    expect(last).toMatchObject({ method: "GET", status: 200, appId: testClientId });
  });
});
