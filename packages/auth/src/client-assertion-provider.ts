import { readFile } from "node:fs/promises";
import { AuthenticationConfigurationError } from "./errors/authentication-error.js";
import { EntraTokenProvider } from "./entra-token-provider.js";
import type { EntraProviderOptions } from "./provider-options.js";

export interface ClientAssertionContext {
  readonly clientId: string;
  /** The token endpoint the assertion is for (its `aud` for certificate-style assertions). */
  readonly tokenEndpoint: string;
}

export interface ClientAssertionProviderOptions extends EntraProviderOptions {
  /** Returns a signed JWT: a federated OIDC token (workload identity) or an assertion you sign yourself (KMS/HSM). */
  readonly getAssertion?: (context: ClientAssertionContext) => string | Promise<string>;
  /** A file re-read for every token request (AZURE_FEDERATED_TOKEN_FILE, e.g. a Kubernetes projected token). */
  readonly assertionFile?: string;
}

/**
 * App-only access with a client assertion: workload identity federation (GitHub Actions, Kubernetes,
 * another cloud) or your own signer. Called only when the provider needs a new token.
 *
 * @example
 * new ClientAssertionProvider({ tenantId, clientId, assertionFile: process.env.AZURE_FEDERATED_TOKEN_FILE })
 */
export class ClientAssertionProvider extends EntraTokenProvider {
  constructor(options: ClientAssertionProviderOptions) {
    const { getAssertion, assertionFile } = options ?? {};
    if (!getAssertion && !assertionFile) {
      throw new AuthenticationConfigurationError("ClientAssertionProvider: pass getAssertion or assertionFile.", { code: "invalid_configuration", remedy: "pass getAssertion or assertionFile." });
    }
    const source = async (context: ClientAssertionContext): Promise<string> => {
      let assertion: string;
      try {
        assertion = getAssertion ? await getAssertion(context) : (await readFile(assertionFile!, "utf8")).trim();
      } catch (e) {
        throw new AuthenticationConfigurationError(
          `ClientAssertionProvider: ${getAssertion ? "getAssertion failed" : `cannot read assertionFile '${assertionFile}'`} — ${(e as Error)?.message ?? String(e)}`,
          { code: "assertion_unavailable", remedy: getAssertion ? "fix the assertion callback." : "check that the federated token file exists and is readable." },
        );
      }
      if (typeof assertion !== "string" || assertion.split(".").length !== 3) {
        throw new AuthenticationConfigurationError("ClientAssertionProvider: the assertion is not a JWT — return the signed token (header.payload.signature).", { code: "invalid_assertion", remedy: "return the signed token (header.payload.signature)." });
      }
      return assertion;
    };
    super("ClientAssertionProvider", options, () => ({ kind: "assertion", getAssertion: source }), []);
  }
}
