import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** TLS material for the fake's HTTPS server. `ca` is what clients must trust. */
export interface FakeEntraTls {
  readonly cert: string;
  readonly key: string;
  readonly ca: string;
  /** Absolute path of the CA PEM, for NODE_EXTRA_CA_CERTS. */
  readonly caFile?: string;
}

const fixtures = (name: string) => fileURLToPath(new URL(`../../fixtures/tls/${name}`, import.meta.url));

/** The committed test-only CA and `localhost` leaf (packages/emulator/fixtures/tls). */
export function defaultTls(): Required<FakeEntraTls> {
  return {
    cert: readFileSync(fixtures("localhost.cert.pem"), "utf8"),
    key: readFileSync(fixtures("test-only-localhost.key.pem"), "utf8"),
    ca: readFileSync(fixtures("test-ca.cert.pem"), "utf8"),
    caFile: fixtures("test-ca.cert.pem"),
  };
}

/** Test-only client credential material registered for the demo app (certificate + RSA key). */
export function testClientCredentialFiles(): { readonly certificateFile: string; readonly privateKeyFile: string; readonly encryptedPrivateKeyFile: string; readonly ecPrivateKeyFile: string } {
  return {
    certificateFile: fixtures("test-client.cert.pem"),
    privateKeyFile: fixtures("test-only-client.key.pem"),
    encryptedPrivateKeyFile: fixtures("test-only-client.encrypted.key.pem"),
    ecPrivateKeyFile: fixtures("test-only-ec.key.pem"),
  };
}
