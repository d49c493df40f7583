import type { AccessToken, GetTokenOptions, TokenProvider } from "@bcts/auth";

/**
 * A token provider that is created on its first `getToken()`, not when `bcts.config.ts` loads — so
 * `bcts generate --offline` and `--check --offline` (CI without secrets) never build it, and a missing
 * `AZURE_CLIENT_SECRET` only matters for a run that really fetches `$metadata`.
 *
 * @example
 * // bcts.config.ts
 * const credential = lazyCredential(() => createTokenProviderFromEnvironment()); // AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET
 * // source: { kind: "url", url: `${root}/api/contoso/app1/v1.0`, credential }
 */
export function lazyCredential(create: () => TokenProvider): TokenProvider {
  let provider: TokenProvider | undefined;
  return {
    async getToken(options?: GetTokenOptions): Promise<AccessToken> {
      // A factory that throws (missing variable) throws again on the next call, with the same message.
      provider ??= create();
      return provider.getToken(options);
    },
  };
}
