import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FAKE_ENTRA_DEMO, startFakeEntra, type FakeEntra } from "../src/entra/index.js";
import { call, tokenPath } from "./entra-http.js";

const BC = "https://api.businesscentral.dynamics.com/.default";
const T = FAKE_ENTRA_DEMO.tenantId;
const good = { grant_type: "client_credentials", client_id: FAKE_ENTRA_DEMO.clientId, client_secret: FAKE_ENTRA_DEMO.clientSecret, scope: BC };
const OTHER_TENANT = "0d5a4a3e-1111-4222-8333-944455556666";
const NO_BC_TENANT = "0d5a4a3e-2222-4222-8333-944455556666";
let now = Date.parse("2026-11-22T20:00:00Z");
let entra: FakeEntra;

beforeAll(async () => {
  entra = await startFakeEntra({
    clock: () => now,
    tenants: [
      {
        id: T, domains: [FAKE_ENTRA_DEMO.domain],
        apps: [
          { clientId: FAKE_ENTRA_DEMO.clientId, secrets: [{ value: FAKE_ENTRA_DEMO.clientSecret }, { value: "old-expired-secret", expiresAt: now - 1 }] },
          { clientId: "11111111-2222-4333-8444-555555555555", secrets: [{ value: "disabled-secret" }], enabled: false },
        ],
      },
      { id: OTHER_TENANT, apps: [] },
      { id: NO_BC_TENANT, bcProvisioned: false, apps: [{ clientId: FAKE_ENTRA_DEMO.clientId, secrets: [{ value: FAKE_ENTRA_DEMO.clientSecret }] }] },
    ],
  });
});
afterAll(() => entra.close());
beforeEach(() => entra.setBehavior(undefined));

describe("fake Entra token endpoint: client credentials errors (bc-api-facts §1.3)", () => {
  const cases: { name: string; tenant?: string; form: Record<string, string>; status: number; error: string; aadsts: number }[] = [
    { name: "§1.3 wrong secret → 401 invalid_client AADSTS7000215", form: { ...good, client_secret: "nope" }, status: 401, error: "invalid_client", aadsts: 7000215 },
    { name: "§1.3 expired secret → 401 invalid_client AADSTS7000222", form: { ...good, client_secret: "old-expired-secret" }, status: 401, error: "invalid_client", aadsts: 7000222 },
    { name: "§1.3 unknown app → 400 unauthorized_client AADSTS700016", form: { ...good, client_id: "99999999-9999-4999-8999-999999999999" }, status: 400, error: "unauthorized_client", aadsts: 700016 },
    { name: "§1.8 app not in this tenant → 400 AADSTS700016", tenant: OTHER_TENANT, form: good, status: 400, error: "unauthorized_client", aadsts: 700016 },
    { name: "§1.3 unknown tenant → 400 invalid_request AADSTS90002", tenant: "00000000-0000-4000-8000-00000000dead", form: good, status: 400, error: "invalid_request", aadsts: 90002 },
    { name: "§1.3 BC not provisioned in tenant → 400 invalid_resource AADSTS500011", tenant: NO_BC_TENANT, form: good, status: 400, error: "invalid_resource", aadsts: 500011 },
    { name: "§1.3 scope without /.default → 400 invalid_scope AADSTS1002012", form: { ...good, scope: "https://api.businesscentral.dynamics.com/user_impersonation" }, status: 400, error: "invalid_scope", aadsts: 1002012 },
    { name: "§1.3 scope of another resource → 400 invalid_resource AADSTS500011", form: { ...good, scope: "https://graph.microsoft.com/.default" }, status: 400, error: "invalid_resource", aadsts: 500011 },
    { name: "§1.3 scopes of two resources → 400 invalid_scope AADSTS700022", form: { ...good, scope: `${BC} https://graph.microsoft.com/.default` }, status: 400, error: "invalid_scope", aadsts: 700022 },
    { name: "§1.3 no credential → 401 invalid_client AADSTS7000218", form: { grant_type: "client_credentials", client_id: FAKE_ENTRA_DEMO.clientId, scope: BC }, status: 401, error: "invalid_client", aadsts: 7000218 },
    { name: "§1.3 missing scope → 400 invalid_request AADSTS900144", form: { ...good, scope: "" }, status: 400, error: "invalid_request", aadsts: 900144 },
    { name: "§1.3 disabled app → 400 unauthorized_client AADSTS7000112", form: { ...good, client_id: "11111111-2222-4333-8444-555555555555", client_secret: "disabled-secret" }, status: 400, error: "unauthorized_client", aadsts: 7000112 },
    { name: "§1.1 unsupported grant type → 400 unsupported_grant_type AADSTS70003", form: { ...good, grant_type: "password" }, status: 400, error: "unsupported_grant_type", aadsts: 70003 },
    { name: "§1.1 /common for client credentials → 400 AADSTS9001023", tenant: "common", form: good, status: 400, error: "invalid_request", aadsts: 9001023 },
  ];
  it.each(cases)("$name", async ({ tenant, form, status, error, aadsts }) => {
    const correlation = "5e2b0c47-6c0e-4f0b-9d1e-6a3a1f8c2b11";
    const res = await call(entra, "POST", tokenPath(tenant ?? T), form, { "client-request-id": correlation });
    expect(res.status).toBe(status);
    expect(res.json).toMatchObject({ error, error_codes: [aadsts], correlation_id: correlation, error_uri: `https://login.microsoftonline.com/error?code=${aadsts}` });
    expect(res.json.error_description).toMatch(new RegExp(`^AADSTS${aadsts}: .+\\r\\nTrace ID: [0-9a-f-]{36}\\r\\nCorrelation ID: ${correlation}\\r\\nTimestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$`));
    expect(typeof res.json.trace_id).toBe("string");
  });
});

describe("fake Entra token endpoint: success (bc-api-facts §1.1–1.2)", () => {
  it("§1.2 secret in the body → 200 with exactly token_type, expires_in, ext_expires_in, access_token", async () => {
    const res = await call(entra, "POST", tokenPath(T), good);
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(["access_token", "expires_in", "ext_expires_in", "token_type"]);
    expect(res.json).toMatchObject({ token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599 });
    expect(res.headers["cache-control"]).toBe("no-store, no-cache");
  });

  it("§1.1 secret via HTTP Basic (form-urlencoded parts) is accepted", async () => {
    const basic = Buffer.from(`${encodeURIComponent(FAKE_ENTRA_DEMO.clientId)}:${encodeURIComponent(FAKE_ENTRA_DEMO.clientSecret)}`).toString("base64");
    const res = await call(entra, "POST", tokenPath(T), { grant_type: "client_credentials", scope: BC }, { authorization: `Basic ${basic}` });
    expect(res.status).toBe(200);
  });

  it("§1.1 tenant as a verified domain works and the token names the tenant GUID", async () => {
    const res = await call(entra, "POST", tokenPath(FAKE_ENTRA_DEMO.domain.toUpperCase()), good);
    const v = entra.validateAccessToken(res.json.access_token);
    expect(v.ok && v.claims.tid).toBe(T);
  });

  it("§1.2 access token: RS256 JWT with v1 claims, verifiable with the JWKS", async () => {
    const res = await call(entra, "POST", tokenPath(T), good);
    const [h, p] = (res.json.access_token as string).split(".");
    const header = JSON.parse(Buffer.from(h!, "base64url").toString());
    const claims = JSON.parse(Buffer.from(p!, "base64url").toString());
    expect(header).toMatchObject({ alg: "RS256", typ: "JWT" });
    expect(claims).toMatchObject({
      aud: "https://api.businesscentral.dynamics.com", iss: `https://sts.windows.net/${T}/`, tid: T, appid: FAKE_ENTRA_DEMO.clientId,
      appidacr: "1", idtyp: "app", ver: "1.0", roles: ["API.ReadWrite.All", "Automation.ReadWrite.All"],
      iat: Math.floor(now / 1000), nbf: Math.floor(now / 1000), exp: Math.floor(now / 1000) + 3599,
    });
    expect(typeof claims.oid).toBe("string");
    expect(typeof claims.uti).toBe("string");
    const jwks = await call(entra, "GET", `/${T}/discovery/v2.0/keys`);
    expect(jwks.json.keys.map((k: { kid: string }) => k.kid)).toContain(header.kid);
  });

  it("validateAccessToken rejects expired, foreign-audience and tampered tokens", async () => {
    const res = await call(entra, "POST", tokenPath(T), good);
    const token = res.json.access_token as string;
    expect(entra.validateAccessToken(token).ok).toBe(true);
    expect(entra.validateAccessToken(token, { audiences: ["https://graph.microsoft.com"] })).toMatchObject({ ok: false, reason: "audience" });
    const [h, p, s] = token.split(".");
    const claims = JSON.parse(Buffer.from(p!, "base64url").toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, roles: ["SUPER"] })).toString("base64url")}.${s}`;
    expect(entra.validateAccessToken(forged)).toMatchObject({ ok: false, reason: "signature" });
    expect(entra.validateAccessToken("not-a-jwt")).toMatchObject({ ok: false, reason: "malformed" });
    const saved = now;
    now += 3600_000;
    expect(entra.validateAccessToken(token)).toMatchObject({ ok: false, reason: "expired" });
    now = saved;
  });

  it("the request log never contains the secret", async () => {
    await call(entra, "POST", tokenPath(T), good);
    expect(JSON.stringify(entra.requests)).not.toContain(FAKE_ENTRA_DEMO.clientSecret);
    expect(entra.requests.at(-1)).toMatchObject({ endpoint: "token", grantType: "client_credentials", status: 200, form: { client_secret: "[redacted]" } });
  });
});

describe("fake Entra discovery (msal-node-notes §2.3)", () => {
  it("openid-configuration names endpoints under the fake's https origin, issuer with the tenant GUID", async () => {
    const res = await call(entra, "GET", `/${FAKE_ENTRA_DEMO.domain}/v2.0/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      issuer: `${entra.origin}/${T}/v2.0`, token_endpoint: `${entra.origin}/${T}/oauth2/v2.0/token`,
      authorization_endpoint: `${entra.origin}/${T}/oauth2/v2.0/authorize`, jwks_uri: `${entra.origin}/${T}/discovery/v2.0/keys`,
    });
  });

  it("§1.3 unknown tenant in discovery → 400 AADSTS90002", async () => {
    const res = await call(entra, "GET", "/nowhere.example/v2.0/.well-known/openid-configuration");
    expect(res.status).toBe(400);
    expect(res.json.error_codes).toEqual([90002]);
  });
});

describe("fake Entra fault hook", () => {
  it("replaces answers, delays, and resets sockets", async () => {
    entra.setBehavior((r) => (r.endpoint === "token" ? { status: 503, json: { error: "temporarily_unavailable" }, headers: { "retry-after": "7" } } : undefined));
    const res = await call(entra, "POST", tokenPath(T), good);
    expect(res.status).toBe(503);
    expect(res.headers["retry-after"]).toBe("7");
    entra.setBehavior(() => ({ raw: "<html>bad gateway</html>", status: 502 }));
    expect((await call(entra, "POST", tokenPath(T), good)).text).toBe("<html>bad gateway</html>");
    entra.setBehavior(() => ({ destroy: true }));
    await expect(call(entra, "POST", tokenPath(T), good)).rejects.toThrow();
    entra.setBehavior((r) => (r.index >= 0 ? { delayInMs: 150 } : undefined));
    const started = Date.now();
    expect((await call(entra, "POST", tokenPath(T), good)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});
