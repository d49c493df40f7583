import { readFileSync } from "node:fs";
import { readCertificateCredential, type CertificateInput } from "./certificate-credential.js";
import { AuthenticationConfigurationError } from "./errors/authentication-error.js";
import { EntraTokenProvider } from "./entra-token-provider.js";
import type { EntraProviderOptions } from "./provider-options.js";

export interface ClientCertificateProviderOptions extends EntraProviderOptions, Partial<CertificateInput> {
  /** A PEM file with certificate and private key (as AZURE_CLIENT_CERTIFICATE_PATH), instead of `certificate`. */
  readonly certificatePath?: string;
  /** Send the chain as `x5c` (needed for subject name + issuer registrations). Default false. */
  readonly sendCertificateChain?: boolean;
}

/**
 * App-only access with a certificate credential: PEM certificate + RSA private key. The thumbprint is
 * derived from the certificate; the assertion is signed PS256 with `x5t#S256`.
 *
 * @example
 * new ClientCertificateProvider({ tenantId, clientId, certificate: readFileSync("bc-app.pem", "utf8"), privateKey: readFileSync("bc-app.key", "utf8") })
 */
export class ClientCertificateProvider extends EntraTokenProvider {
  constructor(options: ClientCertificateProviderOptions) {
    let certificate = options?.certificate;
    if (certificate === undefined && options?.certificatePath) {
      try {
        certificate = readFileSync(options.certificatePath, "utf8");
      } catch {
        throw new AuthenticationConfigurationError(`ClientCertificateProvider: cannot read certificatePath '${options.certificatePath}' — check the path and permissions.`, { code: "invalid_certificate", remedy: "check the path and permissions." });
      }
    }
    if (!certificate) {
      throw new AuthenticationConfigurationError("ClientCertificateProvider: no certificate — pass certificate (PEM) or certificatePath.", { code: "invalid_certificate", remedy: "pass certificate (PEM) or certificatePath." });
    }
    const cert = readCertificateCredential(
      { certificate, ...(options.privateKey ? { privateKey: options.privateKey } : {}), ...(options.privateKeyPassphrase !== undefined ? { privateKeyPassphrase: options.privateKeyPassphrase } : {}) },
      (options.clock ?? Date.now)(),
    );
    super(
      "ClientCertificateProvider",
      options,
      () => ({ kind: "certificate", thumbprintSha256: cert.thumbprintSha256, privateKeyPem: cert.privateKeyPem, ...(options.sendCertificateChain ? { x5c: cert.chainPem } : {}) }),
      [options.privateKeyPassphrase],
    );
  }
}
