import { describe, expect, it } from "vitest";
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { AuthenticationConfigurationError } from "../src/index.js";
import { readCertificateCredential } from "../src/certificate-credential.js";
import { defaultTls, testClientCredentialFiles } from "./fake-entra-fixture.js";

const f = testClientCredentialFiles();
const cert = readFileSync(f.certificateFile, "utf8");
const key = readFileSync(f.privateKeyFile, "utf8");
const encrypted = readFileSync(f.encryptedPrivateKeyFile, "utf8");
const ec = readFileSync(f.ecPrivateKeyFile, "utf8");
const otherKey = defaultTls().key; // the localhost server key: RSA, but not this certificate's

describe("readCertificateCredential", () => {
  it("derives the SHA-256 thumbprint from the certificate (hex, no colons)", () => {
    const c = readCertificateCredential({ certificate: cert, privateKey: key });
    expect(c.thumbprintSha256).toBe(new X509Certificate(cert).fingerprint256.replace(/:/g, "").toLowerCase());
    expect(c.thumbprintSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(c.privateKeyPem).toContain("BEGIN PRIVATE KEY");
  });

  it("reads certificate and key from one PEM (AZURE_CLIENT_CERTIFICATE_PATH style)", () => {
    expect(readCertificateCredential({ certificate: `${key}\n${cert}` }).subject).toContain("bcts-demo-app");
  });

  it("decrypts an encrypted key with its passphrase", () => {
    expect(readCertificateCredential({ certificate: cert, privateKey: encrypted, privateKeyPassphrase: "test-passphrase" }).privateKeyPem).not.toContain("ENCRYPTED");
  });

  const validTo = Date.parse(new X509Certificate(cert).validTo);
  const failures: { name: string; input: Parameters<typeof readCertificateCredential>[0]; message: RegExp; now?: number }[] = [
    { name: "expired certificate (clock after validTo)", input: { certificate: cert, privateKey: key }, now: validTo + 1000, message: /certificate expired on .* upload it/ },
    { name: "certificate not yet valid (clock before validFrom)", input: { certificate: cert, privateKey: key }, now: Date.parse("2000-01-01"), message: /not valid before/ },
    { name: "encrypted key without passphrase", input: { certificate: cert, privateKey: encrypted }, message: /encrypted — pass privateKeyPassphrase/ },
    { name: "encrypted key with a wrong passphrase", input: { certificate: cert, privateKey: encrypted, privateKeyPassphrase: "nope" }, message: /passphrase is wrong/ },
    { name: "EC key", input: { certificate: cert, privateKey: ec }, message: /is EC — .*RSA key/ },
    { name: "key of another certificate", input: { certificate: cert, privateKey: otherKey }, message: /does not belong to the certificate/ },
    { name: "no key at all", input: { certificate: cert }, message: /no private key/ },
    { name: "not PEM", input: { certificate: "MIIB...base64 without armour", privateKey: key }, message: /not PEM/ },
  ];
  it.each(failures)("$name → AuthenticationConfigurationError", ({ input, message, now }) => {
    let error: unknown;
    try {
      readCertificateCredential(input, now);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AuthenticationConfigurationError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("PRIVATE KEY");
  });
});
