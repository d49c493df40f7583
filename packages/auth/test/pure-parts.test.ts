import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import {
  AuthenticationConfigurationError,
  ClientAssertionProvider,
  ClientCertificateProvider,
  ClientSecretProvider,
  StaticTokenProvider,
  TenantProviderPool,
  createTokenProviderFromEnvironment,
  explainBusinessCentralAuthFailure,
} from "../src/index.js";
import { Redactor } from "../src/redactor.js";
import { backoffDelay, refreshSchedule, resolveRefreshPolicy } from "../src/refresh-policy.js";
import { resolveAuthority } from "../src/authority.js";
import { testClientCredentialFiles } from "./fake-entra-fixture.js";

const MIN = 60_000;
const policy = resolveRefreshPolicy();

describe("refreshSchedule: the earlier of 10 min or half the lifetime; block in the last minute or quarter", () => {
  it.each([
    { lifetime: 60 * MIN, refreshBefore: 10 * MIN, blockBefore: MIN },
    { lifetime: 90 * MIN, refreshBefore: 10 * MIN, blockBefore: MIN },
    { lifetime: 10 * MIN, refreshBefore: 5 * MIN, blockBefore: MIN },
    { lifetime: 2 * MIN, refreshBefore: MIN, blockBefore: 30_000 },
    { lifetime: 20_000, refreshBefore: 10_000, blockBefore: 5_000 },
  ])("lifetime $lifetime ms → refresh $refreshBefore ms / block $blockBefore ms before expiry", ({ lifetime, refreshBefore, blockBefore }) => {
    const s = refreshSchedule(policy, 0, lifetime);
    expect(lifetime - s.refreshAt).toBe(refreshBefore);
    expect(lifetime - s.blockAt).toBe(blockBefore);
  });

  it("honours an earlier server refresh_in, never a later one", () => {
    expect(refreshSchedule(policy, 0, 60 * MIN, 30 * MIN).refreshAt).toBe(30 * MIN);
    expect(refreshSchedule(policy, 0, 60 * MIN, 58 * MIN).refreshAt).toBe(50 * MIN);
  });

  it.each([
    [1, 0.5, 2_000], [2, 0.5, 4_000], [3, 0.5, 8_000], [10, 0.5, 60_000], [1, 0, 1_600], [1, 1, 2_400],
  ])("backoff after %i failures (random %f) = %i ms", (failures, random, expected) => {
    expect(backoffDelay(policy, failures, () => random)).toBe(expected);
  });
});

describe("resolveAuthority", () => {
  it.each([
    { input: { tenantId: "contoso.onmicrosoft.com" }, authority: "https://login.microsoftonline.com/contoso.onmicrosoft.com", known: [] },
    { input: { tenantId: "7B5C9E2A-4C1D-4E8F-9A3B-2D6F1E0C8B71", authorityHost: "https://login.microsoftonline.us/" }, authority: "https://login.microsoftonline.us/7B5C9E2A-4C1D-4E8F-9A3B-2D6F1E0C8B71", known: [] },
    { input: { tenantId: "contoso.com", authorityHost: "https://localhost:8443" }, authority: "https://localhost:8443/contoso.com", known: ["localhost:8443"] },
    { input: { tenantId: "contoso.com", authority: "https://adfs.contoso.com/adfs" }, authority: "https://adfs.contoso.com/adfs", known: ["adfs.contoso.com"] },
  ])("$input.tenantId at $authority", ({ input, authority, known }) => {
    const r = resolveAuthority(input);
    expect(r.authority).toBe(authority);
    expect(r.knownAuthorities).toEqual(known);
  });
});

describe("Redactor", () => {
  const r = new Redactor(["s3cr3t~value"]);
  it.each([
    ["the literal secret", "secret is s3cr3t~value!", "secret is [redacted]!"],
    ["JWTs", "token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl here", "token [redacted jwt] here"],
    ["form fields", "client_secret=abc&client_assertion=def&scope=x", "client_secret=[redacted]&client_assertion=[redacted]&scope=x"],
    ["bearer headers", "Authorization: Bearer abcdefghijkl", "Authorization: Bearer [redacted]"],
    ["PEM private keys", "key -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY----- end", "key [redacted private key] end"],
  ])("removes %s", (_name, input, output) => {
    expect(r.redact(input)).toBe(output);
  });
});

describe("explainBusinessCentralAuthFailure (bc-api-facts §1.4–1.5)", () => {
  it.each([
    { status: 401, body: '{"error":{"code":"Authentication_InvalidCredentials","message":"The server has rejected the client credentials.  CorrelationId:  1."}}', code: "Authentication_InvalidCredentials", remedy: /Microsoft Entra Applications/ },
    { status: 401, body: '<error xmlns="http://docs.oasis-open.org/odata/ns/metadata"><code>Unauthorized</code><message>The credentials provided are incorrect</message></error>', code: "Unauthorized", remedy: /\.default/ },
    { status: 403, body: { error: { code: "Authorization_InsufficientPermissions", message: "no access" } }, code: "Authorization_InsufficientPermissions", remedy: /permission sets/ },
    { status: 401, body: "", code: "Unauthorized", remedy: /bearer token/ },
  ])("$status $code", ({ status, body, code, remedy }) => {
    const e = explainBusinessCentralAuthFailure(status, body);
    expect(e?.code).toBe(code);
    expect(e?.remedy).toMatch(remedy);
  });
  it("ignores non-auth statuses", () => expect(explainBusinessCentralAuthFailure(404, "")).toBeUndefined());
});

describe("createTokenProviderFromEnvironment (Azure SDK variable names)", () => {
  const base = { AZURE_TENANT_ID: "contoso.onmicrosoft.com", AZURE_CLIENT_ID: "3f0e8d2c-6b1a-4c9e-8f7d-5a2b1c0e9d84" };
  const files = testClientCredentialFiles();
  const dir = mkdtempSync(join(tmpdir(), "bcts-env-"));
  writeFileSync(join(dir, "both.pem"), `${readFileSync(files.certificateFile, "utf8")}\n${readFileSync(files.privateKeyFile, "utf8")}`);
  writeFileSync(join(dir, "token"), "a.b.c");

  it.each([
    { env: { ...base, AZURE_CLIENT_SECRET: "x" }, kind: ClientSecretProvider },
    { env: { ...base, AZURE_CLIENT_CERTIFICATE_PATH: join(dir, "both.pem") }, kind: ClientCertificateProvider },
    { env: { ...base, AZURE_FEDERATED_TOKEN_FILE: join(dir, "token") }, kind: ClientAssertionProvider },
  ])("picks $kind.name", ({ env, kind }) => {
    expect(createTokenProviderFromEnvironment({ env })).toBeInstanceOf(kind);
  });

  it.each([
    { env: {}, missing: /set AZURE_TENANT_ID and AZURE_CLIENT_ID and one of AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, AZURE_FEDERATED_TOKEN_FILE/ },
    { env: { AZURE_CLIENT_ID: "c", AZURE_CLIENT_SECRET: "x" }, missing: /set AZURE_TENANT_ID\.$/ },
    { env: base, missing: /set one of AZURE_CLIENT_SECRET/ },
  ])("names what is missing: $missing", ({ env, missing }) => {
    expect(() => createTokenProviderFromEnvironment({ env, managedIdentity: false })).toThrow(missing);
  });

  it("uses AZURE_AUTHORITY_HOST", () => {
    const p = createTokenProviderFromEnvironment({ env: { ...base, AZURE_CLIENT_SECRET: "x", AZURE_AUTHORITY_HOST: "https://login.microsoftonline.us" } }) as ClientSecretProvider;
    expect(p.authority).toBe("https://login.microsoftonline.us/contoso.onmicrosoft.com");
    expect(inspect(p)).not.toContain('"x"');
  });
});

describe("StaticTokenProvider", () => {
  const jwt = (exp: number) => `eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify({ exp })).toString("base64url")}.`;
  it("takes the expiry from the JWT and refuses to serve it after expiry", async () => {
    let now = 1_000_000_000_000;
    const p = new StaticTokenProvider({ token: jwt(now / 1000 + 60), clock: () => now });
    expect((await p.getToken()).expiresOnTimestamp).toBe(now + 60_000);
    now += 61_000;
    await expect(p.getToken()).rejects.toBeInstanceOf(AuthenticationConfigurationError);
    expect(inspect(p)).not.toContain("eyJ");
    expect(JSON.stringify(p)).not.toContain("eyJ");
  });
});

describe("TenantProviderPool", () => {
  it("creates one provider per tenant (case-insensitive) and evicts the least recently used beyond maxTenants", () => {
    const created: string[] = [];
    const pool = new TenantProviderPool((t) => (created.push(t), new StaticTokenProvider(`token-for-${t}`)), { maxTenants: 2 });
    const a = pool.forTenant("A.onmicrosoft.com");
    expect(pool.forTenant("a.onmicrosoft.com")).toBe(a);
    pool.forTenant("b.onmicrosoft.com");
    pool.forTenant("a.onmicrosoft.com"); // a is now most recent
    pool.forTenant("c.onmicrosoft.com"); // evicts b
    expect(pool.size).toBe(2);
    expect(pool.forTenant("a.onmicrosoft.com")).toBe(a);
    pool.forTenant("b.onmicrosoft.com");
    expect(created).toEqual(["A.onmicrosoft.com", "b.onmicrosoft.com", "c.onmicrosoft.com", "b.onmicrosoft.com"]);
  });
});
