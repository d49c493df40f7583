/**
 * Structural copy of `@bcts/auth`'s `TokenProvider` (this package must not import @bcts/auth at runtime).
 * Any object with `getToken()` works: `ClientSecretProvider`, `StaticTokenProvider`, or your own.
 *
 * @example
 * const credential: TokenCredential = { getToken: async () => ({ token: "eyJ…", tokenType: "Bearer", expiresOnTimestamp: Date.now() + 3600_000 }) };
 */
export interface TokenCredential {
  getToken(options?: { readonly abortSignal?: AbortSignal; readonly forceRefresh?: boolean }): Promise<{ readonly token: string }>;
}
