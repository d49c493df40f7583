import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { inspect } from "node:util";
import { join } from "node:path";
import { AuthenticationConfigurationError, ClientAssertionProvider, ClientCertificateProvider } from "../src/index.js";
import { FAKE_ENTRA_DEMO, defaultTls, fakeAuthority, leakedIn, startFakeEntra, testClientCredentialFiles, type FakeEntra } from "./fake-entra-fixture.js";
import { externalIssuer } from "./jwt-signer.js";

const files = testClientCredentialFiles();
const cert = readFileSync(files.certificateFile, "utf8");
const key = readFileSync(files.privateKeyFile, "utf8");
const github = externalIssuer();
const SUBJECT = "repo:contoso/bc-sync:ref:refs/heads/main";
let entra: FakeEntra;

beforeAll(async () => {
  entra = await startFakeEntra();
  entra.findTenant(FAKE_ENTRA_DEMO.tenantId)!.apps[0]!.federatedCredentials.push({
    issuer: github.issuer, subject: SUBJECT, publicKeyPem: github.publicKeyPem,
    key: (await import("node:crypto")).createPublicKey(github.publicKeyPem),
  });
});
afterAll(() => entra.close());
beforeEach(() => entra.clearRequests());

describe("ClientCertificateProvider (real msal-node → fake Entra, msal-node-notes §5)", () => {
  it("signs a PS256 assertion with x5t#S256 derived from the certificate; the token says appidacr 2", async () => {
    const token = await new ClientCertificateProvider({ ...fakeAuthority(entra), certificate: cert, privateKey: key }).getToken();
    const v = entra.validateAccessToken(token.token);
    expect(v.ok && v.claims.appidacr).toBe("2");
    expect(entra.requests.find((r) => r.endpoint === "token")?.form).toMatchObject({
      client_assertion: "[redacted]", client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    });
  });

  it("works with the encrypted key and its passphrase, and with the chain sent as x5c", async () => {
    const provider = new ClientCertificateProvider({
      ...fakeAuthority(entra), certificate: cert, privateKey: readFileSync(files.encryptedPrivateKeyFile, "utf8"), privateKeyPassphrase: "test-passphrase", sendCertificateChain: true,
    });
    expect(entra.validateAccessToken((await provider.getToken()).token).ok).toBe(true);
  });

  it("certificatePath with certificate + key in one file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bcts-cert-"));
    writeFileSync(join(dir, "app.pem"), `${cert}\n${key}`, { mode: 0o600 });
    const token = await new ClientCertificateProvider({ ...fakeAuthority(entra), certificatePath: join(dir, "app.pem") }).getToken();
    expect(entra.validateAccessToken(token.token).ok).toBe(true);
  });

  it("§1.3 certificate not registered on the app → configuration error AADSTS700027 (401), no key material in it", async () => {
    const { cert: tlsCert, key: tlsKey } = defaultTls(); // a certificate the app does not know
    const error = await new ClientCertificateProvider({ ...fakeAuthority(entra), certificate: tlsCert, privateKey: tlsKey }).getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationConfigurationError);
    expect(error).toMatchObject({ aadsts: 700027, status: 401, code: "invalid_client" });
    expect((error as Error).message).toContain("upload this certificate to the app registration");
    expect(leakedIn(error, "PRIVATE KEY", tlsKey.split("\n")[1]!)).toEqual([]);
  });

  it("util.inspect and JSON of the provider show no key material", () => {
    const p = new ClientCertificateProvider({ ...fakeAuthority(entra), certificate: cert, privateKey: key });
    const keyLine = key.split("\n")[1]!;
    expect(inspect(p, { depth: 10, showHidden: true })).not.toContain(keyLine);
    expect(JSON.stringify(p)).not.toContain(keyLine);
    expect(JSON.parse(JSON.stringify(p))).toMatchObject({ kind: "ClientCertificateProvider" });
  });

  it("an EC key fails in the constructor with a clear error", () => {
    expect(() => new ClientCertificateProvider({ ...fakeAuthority(entra), certificate: cert, privateKey: readFileSync(files.ecPrivateKeyFile, "utf8") })).toThrow(/RSA key/);
  });
});

describe("ClientAssertionProvider (workload identity federation, msal-node-notes §6)", () => {
  it("exchanges a federated OIDC token from a callback", async () => {
    let calls = 0;
    const provider = new ClientAssertionProvider({ ...fakeAuthority(entra), getAssertion: () => (calls++, github.token({ sub: SUBJECT })) });
    const [a, b] = await Promise.all([provider.getToken(), provider.getToken()]);
    expect(a.token).toBe(b.token);
    expect(entra.validateAccessToken(a.token).ok).toBe(true);
    await provider.getToken();
    expect(calls).toBe(1); // MSAL alone would call it on every getToken, even cache hits
  });

  it("reads the token from a file (AZURE_FEDERATED_TOKEN_FILE)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bcts-fed-"));
    writeFileSync(join(dir, "token"), `${github.token({ sub: SUBJECT })}\n`);
    const token = await new ClientAssertionProvider({ ...fakeAuthority(entra), assertionFile: join(dir, "token") }).getToken();
    expect(entra.validateAccessToken(token.token).ok).toBe(true);
  });

  const failures = [
    { name: "§1.3 federated subject not registered → AADSTS70021", assertion: () => github.token({ sub: "repo:evil/fork:ref:refs/heads/main" }), aadsts: 70021 },
    { name: "§1.3 expired federated token → AADSTS700024", assertion: () => github.token({ sub: SUBJECT }, Math.floor(Date.now() / 1000) - 3600), aadsts: 700024 },
  ];
  it.each(failures)("$name (configuration error, assertion not leaked)", async ({ assertion, aadsts }) => {
    const jwt = assertion();
    const error = await new ClientAssertionProvider({ ...fakeAuthority(entra), getAssertion: () => jwt }).getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationConfigurationError);
    expect(error).toMatchObject({ aadsts, status: 401 });
    expect(leakedIn(error, jwt)).toEqual([]);
  });

  it("a throwing callback → configuration error naming the callback", async () => {
    const error = await new ClientAssertionProvider({ ...fakeAuthority(entra), getAssertion: () => Promise.reject(new Error("vault unreachable")) }).getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationConfigurationError);
    expect((error as Error).message).toMatch(/getAssertion failed — vault unreachable/);
  });
});
