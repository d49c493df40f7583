import type { TokenProvider } from "./token-provider.js";

export interface TenantProviderPoolOptions {
  /** Least recently used tenants beyond this are dropped (with their MSAL app and token). Default 1 000. */
  readonly maxTenants?: number;
}

/**
 * One provider (= one MSAL application and one token cache) per tenant, created on first use and
 * bounded: for multitenant apps that call many customers' Business Central (bc-api-facts §1.8).
 * Per-tenant apps keep cache hits O(1); one MSAL app for all tenants scans linearly (msal-node-notes §4).
 *
 * @example
 * const pool = new TenantProviderPool((tenantId) => new ClientSecretProvider({ tenantId, clientId, clientSecret }));
 * await pool.forTenant(customer.tenantId).getToken();
 */
export class TenantProviderPool<P extends TokenProvider = TokenProvider> {
  readonly #providers = new Map<string, P>();
  readonly #maxTenants: number;

  constructor(private readonly create: (tenantId: string) => P, options: TenantProviderPoolOptions = {}) {
    this.#maxTenants = Math.max(1, options.maxTenants ?? 1_000);
  }

  forTenant(tenantId: string): P {
    const key = tenantId.trim().toLowerCase();
    let provider = this.#providers.get(key);
    if (provider) {
      this.#providers.delete(key); // re-insert: Map order is our LRU order
    } else {
      provider = this.create(tenantId.trim());
      if (this.#providers.size >= this.#maxTenants) this.#providers.delete(this.#providers.keys().next().value!);
    }
    this.#providers.set(key, provider);
    return provider;
  }

  get size(): number {
    return this.#providers.size;
  }

  toJSON(): Record<string, unknown> {
    return { kind: "TenantProviderPool", size: this.size, maxTenants: this.#maxTenants };
  }
}
