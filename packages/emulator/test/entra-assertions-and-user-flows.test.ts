import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { constants, createHash, generateKeyPairSync, randomBytes, randomUUID, sign, X509Certificate, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { FAKE_ENTRA_DEMO, startFakeEntra, testClientCredentialFiles, type FakeEntra } from "../src/entra/index.js";
import { call, tokenPath } from "./entra-http.js";

const T = FAKE_ENTRA_DEMO.tenantId;
const BC = "https://api.businesscentral.dynamics.com/.default";
const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const files = testClientCredentialFiles();
const certPem = readFileSync(files.certificateFile, "utf8");
const key = (await import("node:crypto")).createPrivateKey(readFileSync(files.privateKeyFile, "utf8"));
const der = new X509Certificate(certPem).raw;
const fed = generateKeyPairSync("rsa", { modulusLength: 2048 });
const FED_ISSUER = "https://oidc.k8s.example.test";
const FED_SUBJECT = "system:serviceaccount:bc:connector";
const PUBLIC_APP = "6c1f6d0e-5b2a-4f7e-9a1d-3c4b5a6d7e8f";
let entra: FakeEntra;

function jws(header: Record<string, unknown>, claims: Record<string, unknown>, k: KeyObject, pss: boolean): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const input = `${enc(header)}.${enc(claims)}`;
  const padding = pss ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST } : { padding: constants.RSA_PKCS1_PADDING };
  return `${input}.${sign("sha256", Buffer.from(input), { key: k, ...padding }).toString("base64url")}`;
}
const now = () => Math.floor(Date.now() / 1000);
const certAssertion = (over: { header?: Record<string, unknown>; claims?: Record<string, unknown>; key?: KeyObject; pss?: boolean } = {}) =>
  jws(
    { alg: over.pss === false ? "RS256" : "PS256", typ: "JWT", "x5t#S256": createHash("sha256").update(der).digest("base64url"), ...over.header },
    { aud: `${entra.origin}/${T}/oauth2/v2.0/token`, iss: FAKE_ENTRA_DEMO.clientId, sub: FAKE_ENTRA_DEMO.clientId, jti: randomUUID(), nbf: now(), iat: now(), exp: now() + 600, ...over.claims },
    over.key ?? key, over.pss !== false,
  );
const assertionForm = (assertion: string) => ({ grant_type: "client_credentials", client_id: FAKE_ENTRA_DEMO.clientId, scope: BC, client_assertion_type: JWT_BEARER, client_assertion: assertion });

beforeAll(async () => {
  entra = await startFakeEntra();
  entra.addApp(T, { clientId: PUBLIC_APP, publicClient: true, redirectUris: [FAKE_ENTRA_DEMO.redirectUri] });
  entra.addApp(T, {
    clientId: "8e3f8a2b-7d4c-4b9a-9c3f-5e6d7c8f9a01",
    federatedCredentials: [{ issuer: FED_ISSUER, subject: FED_SUBJECT, publicKeyPem: fed.publicKey.export({ type: "spki", format: "pem" }) as string }],
  });
});
afterAll(() => entra.close());

describe("client assertions (bc-api-facts §1.1 certificate body, §1.3 errors)", () => {
  it("§1.1 PS256 + x5t#S256 assertion → 200, appidacr 2", async () => {
    const res = await call(entra, "POST", tokenPath(T), assertionForm(certAssertion()));
    expect(res.status).toBe(200);
    const v = entra.validateAccessToken(res.json.access_token);
    expect(v.ok && v.claims.appidacr).toBe("2");
  });

  it("§1.1 older RS256 + x5t (SHA-1) assertion → 200", async () => {
    const res = await call(entra, "POST", tokenPath(T), assertionForm(certAssertion({ pss: false, header: { "x5t#S256": undefined, x5t: createHash("sha1").update(der).digest("base64url") } })));
    expect(res.status).toBe(200);
  });

  const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  const failures = [
    { name: "§1.3 signed with another key → 401 AADSTS700027", assertion: () => certAssertion({ key: other }), aadsts: 700027 },
    { name: "§1.3 unknown thumbprint → 401 AADSTS700027", assertion: () => certAssertion({ header: { "x5t#S256": "AAAA" } }), aadsts: 700027 },
    { name: "§1.3 audience of another tenant → 401 AADSTS700027", assertion: () => certAssertion({ claims: { aud: `${entra.origin}/00000000-0000-4000-8000-000000000001/oauth2/v2.0/token` } }), aadsts: 700027 },
    { name: "§1.3 expired assertion → 401 AADSTS700024", assertion: () => certAssertion({ claims: { nbf: now() - 7200, exp: now() - 3600 } }), aadsts: 700024 },
    { name: "§1.3 iss/sub not the client id → 401 AADSTS700021", assertion: () => certAssertion({ claims: { iss: "someone-else", sub: "someone-else" } }), aadsts: 700021 },
  ];
  it.each(failures)("$name", async ({ assertion, aadsts }) => {
    const res = await call(entra, "POST", tokenPath(T), assertionForm(assertion()));
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ error: "invalid_client", error_codes: [aadsts] });
  });

  it("§1.3 assertion signed with an expired certificate → 401 AADSTS700027", async () => {
    const later = Date.parse(new X509Certificate(certPem).validTo) + 86_400_000;
    const future = await startFakeEntra({ clock: () => later });
    try {
      const s = Math.floor(later / 1000);
      const assertion = certAssertion({ claims: { aud: `${future.origin}/${T}/oauth2/v2.0/token`, nbf: s, iat: s, exp: s + 600 } });
      const res = await call(future, "POST", tokenPath(T), assertionForm(assertion));
      expect(res.status).toBe(401);
      expect(res.json.error_codes).toEqual([700027]);
      expect(res.json.error_description).toContain("expired");
    } finally {
      await future.close();
    }
  });

  it("§1.3 secret and assertion together → 400", async () => {
    const res = await call(entra, "POST", tokenPath(T), { ...assertionForm(certAssertion()), client_secret: FAKE_ENTRA_DEMO.clientSecret });
    expect(res.status).toBe(400);
  });

  const fedToken = (claims: Record<string, unknown> = {}) =>
    jws({ alg: "RS256", typ: "JWT" }, { iss: FED_ISSUER, sub: FED_SUBJECT, aud: "api://AzureADTokenExchange", iat: now(), nbf: now(), exp: now() + 600, ...claims }, fed.privateKey, false);
  const fedForm = (a: string) => ({ ...assertionForm(a), client_id: "8e3f8a2b-7d4c-4b9a-9c3f-5e6d7c8f9a01" });
  it.each([
    { name: "federated token (workload identity) → 200", token: () => fedToken(), status: 200, aadsts: undefined },
    { name: "§1.3 federated subject mismatch → 401 AADSTS70021", token: () => fedToken({ sub: "system:serviceaccount:other:x" }), status: 401, aadsts: 70021 },
    { name: "§1.3 federated audience mismatch → 401 AADSTS70021", token: () => fedToken({ aud: "api://other" }), status: 401, aadsts: 70021 },
    { name: "§1.3 expired federated token → 401 AADSTS700024", token: () => fedToken({ exp: now() - 3600 }), status: 401, aadsts: 700024 },
  ])("$name", async ({ token, status, aadsts }) => {
    const res = await call(entra, "POST", tokenPath(T), fedForm(token()));
    expect(res.status).toBe(status);
    if (aadsts) expect(res.json.error_codes).toEqual([aadsts]);
  });
});

describe("authorization code + PKCE, refresh tokens (bc-api-facts §1.7)", () => {
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const authorizeUrl = (extra: Record<string, string> = {}) =>
    `${entra.origin}/${T}/oauth2/v2.0/authorize?${new URLSearchParams({ client_id: FAKE_ENTRA_DEMO.clientId, response_type: "code", redirect_uri: FAKE_ENTRA_DEMO.redirectUri, scope: `openid offline_access ${BC}`, state: "s1", code_challenge: challenge, code_challenge_method: "S256", ...extra })}`;
  const redeem = (code: string, over: Record<string, string> = {}) =>
    call(entra, "POST", tokenPath(T), { grant_type: "authorization_code", client_id: FAKE_ENTRA_DEMO.clientId, client_secret: FAKE_ENTRA_DEMO.clientSecret, code, redirect_uri: FAKE_ENTRA_DEMO.redirectUri, code_verifier: verifier, scope: BC, ...over });

  it("§1.7 the authorize endpoint shows a sign-in page; signing in redirects with code and state", async () => {
    const page = await call(entra, "GET", authorizeUrl().slice(entra.origin.length));
    expect(page.status).toBe(200);
    expect(page.text).toContain('name="password"');
    const redirect = await entra.signIn(authorizeUrl(), { username: FAKE_ENTRA_DEMO.username, password: FAKE_ENTRA_DEMO.password });
    expect(redirect.origin + redirect.pathname).toBe(FAKE_ENTRA_DEMO.redirectUri);
    expect(redirect.searchParams.get("state")).toBe("s1");
    expect(redirect.searchParams.get("code")).toBeTruthy();
  });

  it("§1.7 code + verifier → delegated token, refresh token, id token; refresh works; a code is single-use", async () => {
    const code = (await entra.signIn(authorizeUrl(), { username: FAKE_ENTRA_DEMO.username, password: FAKE_ENTRA_DEMO.password })).searchParams.get("code")!;
    const res = await redeem(code);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ token_type: "Bearer", scope: "https://api.businesscentral.dynamics.com/user_impersonation https://api.businesscentral.dynamics.com/Financials.ReadWrite.All" });
    const v = entra.validateAccessToken(res.json.access_token);
    expect(v.ok && v.claims).toMatchObject({ idtyp: "user", upn: FAKE_ENTRA_DEMO.username, scp: "user_impersonation Financials.ReadWrite.All" });
    expect(typeof res.json.id_token).toBe("string");
    expect(typeof res.json.client_info).toBe("string");
    const again = await redeem(code);
    expect(again.json.error_codes).toEqual([70008]);
    const refreshed = await call(entra, "POST", tokenPath(T), { grant_type: "refresh_token", client_id: FAKE_ENTRA_DEMO.clientId, client_secret: FAKE_ENTRA_DEMO.clientSecret, refresh_token: res.json.refresh_token, scope: BC });
    expect(refreshed.status).toBe(200);
    expect(entra.validateAccessToken(refreshed.json.access_token).ok).toBe(true);
  });

  it.each<{ name: string; over: Record<string, string>; aadsts: number }>([
    { name: "wrong PKCE verifier → 400 AADSTS501481", over: { code_verifier: "x".repeat(43) }, aadsts: 501481 },
    { name: "§1.3 wrong secret on redemption → 401 AADSTS7000215", over: { client_secret: "nope" }, aadsts: 7000215 },
    { name: "different redirect_uri → 400 AADSTS50011", over: { redirect_uri: "http://localhost:3000/other" }, aadsts: 50011 },
  ])("$name", async ({ over, aadsts }) => {
    const code = (await entra.signIn(authorizeUrl(), { username: FAKE_ENTRA_DEMO.username, password: FAKE_ENTRA_DEMO.password })).searchParams.get("code")!;
    const res = await redeem(code, over);
    expect(res.json.error_codes).toEqual([aadsts]);
  });

  it("a wrong password re-shows the page with AADSTS50126; an unregistered redirect URI is not redirected to", async () => {
    await expect(entra.signIn(authorizeUrl(), { username: FAKE_ENTRA_DEMO.username, password: "nope" })).rejects.toThrow(/AADSTS50126/);
    const res = await call(entra, "GET", authorizeUrl({ redirect_uri: "https://evil.example/cb" }).slice(entra.origin.length));
    expect(res.status).toBe(400);
    expect(res.headers.location).toBeUndefined();
    expect(res.text).toContain("AADSTS50011");
  });
});

describe("device code", () => {
  it("pending until approved, then a delegated token; MSAL's short grant name is accepted", async () => {
    const dc = await call(entra, "POST", `/${T}/oauth2/v2.0/devicecode`, { client_id: PUBLIC_APP, scope: `openid offline_access ${BC}` });
    expect(dc.status).toBe(200);
    expect(dc.json).toMatchObject({ verification_uri: `${entra.origin}/devicelogin`, interval: 1 });
    const poll = () => call(entra, "POST", tokenPath(T), { grant_type: "device_code", client_id: PUBLIC_APP, device_code: dc.json.device_code });
    expect((await poll()).json).toMatchObject({ error: "authorization_pending", error_codes: [70016] });
    const login = await call(entra, "POST", "/devicelogin", { code: dc.json.user_code, username: FAKE_ENTRA_DEMO.username, password: FAKE_ENTRA_DEMO.password });
    expect(login.text).toContain("You have signed in");
    const done = await poll();
    expect(done.status).toBe(200);
    const v = entra.validateAccessToken(done.json.access_token);
    expect(v.ok && v.claims.upn).toBe(FAKE_ENTRA_DEMO.username);
    expect((await poll()).json.error_codes).toEqual([70008]);
  });
});
