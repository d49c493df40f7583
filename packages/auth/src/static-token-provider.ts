import { inspect } from "node:util";
import { AuthenticationConfigurationError } from "./errors/authentication-error.js";
import type { AccessToken, GetTokenOptions, TokenProvider } from "./token-provider.js";

export interface StaticTokenProviderOptions {
  readonly token: string;
  /** Epoch ms. Default: the JWT's `exp`, else one hour from now. */
  readonly expiresOnTimestamp?: number;
  readonly clock?: () => number;
}

/**
 * A token obtained elsewhere (a script, `az account get-access-token`, a test). Never refreshes;
 * after expiry it throws a configuration error instead of sending a dead token.
 *
 * @example
 * new StaticTokenProvider({ token: process.env.BC_TOKEN! })
 */
export class StaticTokenProvider implements TokenProvider {
  readonly #token: AccessToken;
  readonly #clock: () => number;

  constructor(options: StaticTokenProviderOptions | string) {
    const o = typeof options === "string" ? { token: options } : options;
    if (!o?.token) throw new AuthenticationConfigurationError("StaticTokenProvider: token is empty.", { code: "invalid_configuration", remedy: "pass the access token." });
    this.#clock = o.clock ?? Date.now;
    const expiresOnTimestamp = o.expiresOnTimestamp ?? jwtExpiry(o.token) ?? this.#clock() + 3_600_000;
    this.#token = { token: o.token, tokenType: "Bearer", expiresOnTimestamp };
  }

  getToken(options?: GetTokenOptions): Promise<AccessToken> {
    options?.abortSignal?.throwIfAborted();
    if (this.#clock() >= this.#token.expiresOnTimestamp) {
      return Promise.reject(new AuthenticationConfigurationError(`StaticTokenProvider: the token expired at ${new Date(this.#token.expiresOnTimestamp).toISOString()} — get a new token, or use a provider that refreshes.`, { code: "token_expired", remedy: "get a new token, or use a provider that refreshes." }));
    }
    return Promise.resolve(this.#token);
  }

  toJSON(): Record<string, unknown> {
    return { kind: "StaticTokenProvider", expiresOnTimestamp: this.#token.expiresOnTimestamp };
  }

  [inspect.custom](): string {
    return `StaticTokenProvider ${inspect(this.toJSON())}`;
  }
}

function jwtExpiry(token: string): number | undefined {
  try {
    const exp = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")).exp;
    return typeof exp === "number" ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
