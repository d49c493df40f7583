import type { AccessToken } from "../token-provider.js";

/** When a token request started, on the injected clock and on the real one. */
export interface RequestStart {
  readonly clockStart: number;
  readonly realStart: number;
}

/**
 * An MSAL result as our AccessToken. MSAL computes `expiresOn`/`refreshOn` from the real clock;
 * the lifetime is carried over to the injected one, so fake clocks in tests and the cache agree.
 * e.g. started at clock 1 000 / real 50 000, expiresOn real 3 650 000 → expiresOnTimestamp 3 601 000.
 */
export function toAccessToken(result: { readonly accessToken: string; readonly expiresOn: Date; readonly refreshOn?: Date | null }, start: RequestStart): AccessToken {
  const toClock = (d: Date) => start.clockStart + (d.getTime() - start.realStart);
  return {
    token: result.accessToken,
    tokenType: "Bearer",
    expiresOnTimestamp: toClock(result.expiresOn),
    ...(result.refreshOn instanceof Date ? { refreshAfterTimestamp: toClock(result.refreshOn) } : {}),
  };
}
