/** A sign-in started by createAuthorizationUrl and not yet completed. The verifier is a secret. */
export interface PendingSignIn {
  readonly codeVerifier: string;
  readonly expiresOnTimestamp: number;
}

/**
 * Where AuthorizationCodeProvider keeps PKCE verifiers between creating the URL and the callback.
 * Share one (e.g. Redis with a TTL) when the callback may reach another process than the one that
 * created the URL — behind a load balancer, or after a restart.
 *
 * @example
 * const store: PendingSignInStore = {
 *   save: (state, s) => redis.set(`bc-signin:${state}`, JSON.stringify(s), { PXAT: s.expiresOnTimestamp }),
 *   take: async (state) => JSON.parse((await redis.getDel(`bc-signin:${state}`)) ?? "null") ?? undefined,
 * };
 */
export interface PendingSignInStore {
  save(state: string, signIn: PendingSignIn): Promise<void>;
  /** Returns and removes the sign-in: a state is redeemable once. */
  take(state: string): Promise<PendingSignIn | undefined>;
}

/** In-process store (the default), bounded to `maxEntries` (oldest dropped first). */
export class MemoryPendingSignInStore implements PendingSignInStore {
  readonly #entries = new Map<string, PendingSignIn>();

  constructor(private readonly maxEntries = 1_000) {}

  save(state: string, signIn: PendingSignIn): Promise<void> {
    while (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(state, signIn);
    return Promise.resolve();
  }

  take(state: string): Promise<PendingSignIn | undefined> {
    const signIn = this.#entries.get(state);
    this.#entries.delete(state);
    return Promise.resolve(signIn);
  }
}
