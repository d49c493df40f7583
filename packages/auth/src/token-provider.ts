/**
 * An access token for Business Central, as every provider returns it.
 * `expiresOnTimestamp` and `refreshAfterTimestamp` are epoch milliseconds.
 */
export interface AccessToken {
  readonly token: string;
  readonly tokenType: "Bearer";
  readonly expiresOnTimestamp: number;
  readonly refreshAfterTimestamp?: number;
}

export interface GetTokenOptions {
  readonly abortSignal?: AbortSignal;
  /**
   * Skip the cache and ask the authority again, e.g. after Business Central answered 401.
   * Joins an in-flight request rather than starting a second one.
   */
  readonly forceRefresh?: boolean;
}

/**
 * The one interface every way of authenticating implements. Structural on purpose: @bcts/odata
 * accepts any object with this shape without importing @bcts/auth.
 *
 * @example
 * const provider = new ClientSecretProvider({ tenantId, clientId, clientSecret });
 * const { token } = await provider.getToken();  // POST https://login.microsoftonline.com/{tenantId}/oauth2/v2.0/token
 */
export interface TokenProvider {
  getToken(options?: GetTokenOptions): Promise<AccessToken>;
}
