import type { AccessToken, GetTokenOptions } from "./token-provider.js";
import { AuthenticationError, TransientAuthenticationError } from "./errors/authentication-error.js";
import { backoffDelay, refreshSchedule, type ResolvedRefreshPolicy } from "./refresh-policy.js";
import type { TokenRequestReason } from "./auth-logger.js";

/** Fetches a new token from the authority; `expiresOnTimestamp` is on the cache's clock. */
export type TokenFetcher = (reason: TokenRequestReason) => Promise<AccessToken>;

export interface RefreshOutcome {
  readonly reason: TokenRequestReason;
  readonly background: boolean;
  readonly durationInMs: number;
  readonly token?: AccessToken;
  readonly error?: AuthenticationError;
}

interface CachedToken {
  readonly value: AccessToken;
  readonly acquiredAt: number;
  readonly refreshAt: number;
  readonly blockAt: number;
  /** Obtained by `forceRefresh` (after BC's 401): while young, further forced calls reuse it. */
  readonly forced: boolean;
}

/**
 * One token with single-flight, stale-while-revalidate refresh. N concurrent callers share one request;
 * in the refresh window callers get the cached token at once while one background refresh runs;
 * failures there are reported and backed off, not thrown, until the token is about to expire.
 */
export class RefreshingTokenCache {
  #token: CachedToken | undefined;
  #inflight: Promise<AccessToken> | undefined;
  #failures = 0;
  #nextAttemptAt = 0;
  /** The last failure that cannot heal by retrying (wrong secret, unknown app): repeated until `#nextAttemptAt`. */
  #permanentFailure: AuthenticationError | undefined;

  constructor(
    private readonly fetcher: TokenFetcher,
    private readonly policy: ResolvedRefreshPolicy,
    private readonly clock: () => number,
    private readonly onOutcome: (outcome: RefreshOutcome) => void,
    private readonly toError: (error: unknown) => AuthenticationError,
  ) {}

  getToken(options: GetTokenOptions = {}): Promise<AccessToken> {
    options.abortSignal?.throwIfAborted();
    const now = this.clock();
    const t = this.#token;
    // A wrong secret stays wrong: callers during the backoff get the same error without another sign-in.
    if (this.#permanentFailure !== undefined && !this.#inflight && now < this.#nextAttemptAt) return Promise.reject(this.#permanentFailure);
    // After BC's 401 exactly one forced refresh happens, however young the token; a burst of 401s
    // shares it: a token that itself came from a forced refresh is reused while young.
    if (t && options.forceRefresh && t.forced && now - t.acquiredAt < this.policy.minForceRefreshIntervalInMs && now < t.blockAt) {
      return Promise.resolve(t.value);
    }
    if (t && !options.forceRefresh) {
      if (now < t.refreshAt) return Promise.resolve(t.value);
      if (now < t.blockAt) {
        if (!this.#inflight && now >= this.#nextAttemptAt) this.#start("proactive", true).catch(() => undefined);
        return Promise.resolve(t.value);
      }
    }
    const flight = this.#inflight ?? this.#start(options.forceRefresh ? "forced" : t ? "expired" : "initial", false);
    return options.abortSignal ? raceAbort(flight, options.abortSignal) : flight;
  }

  /** Drops the cached token (the next call fetches). */
  clear(): void {
    this.#token = undefined;
  }

  /** Stores a token obtained outside getToken (e.g. by redeeming an authorization code). */
  prime(value: AccessToken, acquiredAt: number, forced = false): AccessToken {
    const { refreshAt, blockAt } = refreshSchedule(this.policy, acquiredAt, value.expiresOnTimestamp, value.refreshAfterTimestamp);
    const token: AccessToken = { ...value, refreshAfterTimestamp: refreshAt };
    this.#token = { value: token, acquiredAt, refreshAt, blockAt, forced };
    this.#failures = 0;
    this.#permanentFailure = undefined;
    this.#nextAttemptAt = 0;
    return token;
  }

  #start(reason: TokenRequestReason, background: boolean): Promise<AccessToken> {
    const started = this.clock();
    const succeed = (value: AccessToken): AccessToken => {
      const now = this.clock();
      // msal-node rounds its timestamps to whole seconds: under 1 s left means "expired on arrival".
      if (typeof value.token !== "string" || value.token === "" || !(value.expiresOnTimestamp > now + 1_000)) {
        throw new TransientAuthenticationError("The authority answered without a usable access token (empty token or an expiry in the past).", { code: "invalid_response" });
      }
      const token = this.prime(value, started, reason === "forced");
      this.onOutcome({ reason, background, durationInMs: now - started, token });
      return token;
    };
    const fail = (e: unknown): never => {
      const error = this.toError(e);
      this.#failures++;
      this.#nextAttemptAt = this.clock() + Math.max(backoffDelay(this.policy, this.#failures), error.retryAfterInMs ?? 0);
      this.#permanentFailure = error.retryable ? undefined : error;
      this.onOutcome({ reason, background, durationInMs: this.clock() - started, error });
      throw error;
    };
    // Starts on a microtask so #inflight is set before the fetcher can settle.
    const flight: Promise<AccessToken> = Promise.resolve()
      .then(() => this.fetcher(reason))
      .then(succeed)
      .catch(fail)
      .finally(() => {
        if (this.#inflight === flight) this.#inflight = undefined;
      });
    this.#inflight = flight;
    return flight;
  }
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new DOMException("The operation was aborted.", "AbortError"));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => (signal.removeEventListener("abort", onAbort), resolve(v)),
      (e: unknown) => (signal.removeEventListener("abort", onAbort), reject(e)),
    );
  });
}
