import { X509Certificate, createPrivateKey, type KeyObject } from "node:crypto";
import { AuthenticationConfigurationError } from "./errors/authentication-error.js";

export interface CertificateInput {
  /** PEM text holding the certificate (first CERTIFICATE block) and possibly its private key and chain. */
  readonly certificate: string;
  /** PEM private key, when not inside `certificate`. PKCS#8 or PKCS#1, RSA only. */
  readonly privateKey?: string;
  readonly privateKeyPassphrase?: string;
}

export interface CertificateCredential {
  /** SHA-256 thumbprint (hex, no colons) derived from the certificate — never typed in. */
  readonly thumbprintSha256: string;
  /** Unencrypted PKCS#8 PEM, as msal-node needs it. */
  readonly privateKeyPem: string;
  /** The certificate chain PEM (for `x5c`, subject-name/issuer registrations). */
  readonly chainPem: string;
  readonly subject: string;
  readonly validTo: string;
}

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const KEY_BLOCK = /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/;

/**
 * Reads a certificate credential: derives the thumbprint, decrypts the key, requires RSA and checks
 * that key and certificate belong together — each failure is a configuration error with a remedy.
 */
export function readCertificateCredential(input: CertificateInput, now: number = Date.now()): CertificateCredential {
  const certs = (input.certificate ?? "").match(CERT_BLOCK) ?? [];
  if (certs.length === 0) throw fail("the certificate is not PEM — pass the text with '-----BEGIN CERTIFICATE-----' (convert .pfx/.cer with openssl).");
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certs[0]!);
  } catch {
    throw fail("the certificate PEM could not be parsed — export it again as PEM.");
  }
  if (now > Date.parse(cert.validTo)) {
    throw fail(`the certificate expired on ${new Date(cert.validTo).toISOString()} — create a new certificate and upload it to the app registration (Certificates & secrets).`);
  }
  if (now < Date.parse(cert.validFrom)) throw fail(`the certificate is not valid before ${new Date(cert.validFrom).toISOString()} — check the machine clock.`);
  const keyPem = input.privateKey ?? KEY_BLOCK.exec(input.certificate)?.[0];
  if (!keyPem) throw fail("no private key was given — pass privateKey (PEM) or put the key into the certificate PEM.");
  let key: KeyObject;
  try {
    key = createPrivateKey(input.privateKeyPassphrase === undefined ? { key: keyPem } : { key: keyPem, passphrase: input.privateKeyPassphrase });
  } catch (e) {
    const encrypted = /ENCRYPTED/.test(keyPem) || /passphrase|decrypt|bad decrypt/i.test(String((e as Error).message));
    throw fail(
      encrypted
        ? input.privateKeyPassphrase === undefined
          ? "the private key is encrypted — pass privateKeyPassphrase (or AZURE_CLIENT_CERTIFICATE_PASSWORD)."
          : "the private key could not be decrypted — the passphrase is wrong."
        : "the private key PEM could not be read — use PKCS#8 or PKCS#1 PEM.",
    );
  }
  if (key.asymmetricKeyType !== "rsa") {
    throw fail(`the private key is ${key.asymmetricKeyType?.toUpperCase() ?? "not RSA"} — Entra ID certificate credentials need an RSA key.`);
  }
  if (!cert.checkPrivateKey(key)) throw fail("the private key does not belong to the certificate — use the key the certificate was issued for.");
  return {
    thumbprintSha256: cert.fingerprint256.replace(/:/g, "").toLowerCase(),
    privateKeyPem: key.export({ type: "pkcs8", format: "pem" }) as string,
    chainPem: certs.join("\n"),
    subject: cert.subject,
    validTo: cert.validTo,
  };
}

function fail(message: string): AuthenticationConfigurationError {
  return new AuthenticationConfigurationError(`ClientCertificateProvider: ${message}`, { code: "invalid_certificate", remedy: message.split(" — ")[1] ?? message });
}
