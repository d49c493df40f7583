/**
 * Redis key names of one identity. Every key of an identity carries the same hash tag, so the
 * scripts that touch several of them run on one Redis Cluster slot.
 *
 * @example
 * identityKeys("bcts:", "limiter", "https://login.microsoftonline.com|contoso|0b9c")
 * // { leases: "bcts:limiter:{https://login.microsoftonline.com|contoso|0b9c}:leases", … }
 */
export interface IdentityKeys {
  readonly leases: string;
  readonly window: string;
  readonly queue: string;
  readonly heartbeat: string;
  readonly pause: string;
  /** In the order the limiter scripts expect them (see limiter-scripts.ts). */
  readonly all: readonly [string, string, string, string, string];
}

export function identityKeys(prefix: string, area: string, identity: string): IdentityKeys {
  const base = `${prefix}${area}:{${hashTagSafe(identity)}}`;
  const leases = `${base}:leases`;
  const window = `${base}:window`;
  const queue = `${base}:queue`;
  const heartbeat = `${base}:heartbeat`;
  const pause = `${base}:pause`;
  return { leases, window, queue, heartbeat, pause, all: [leases, window, queue, heartbeat, pause] };
}

/** The token cache's keys: the entry and its refresh lock. */
export function tokenKeys(prefix: string, cacheKey: string): { readonly entry: string; readonly lock: string } {
  const base = `${prefix}token:{${hashTagSafe(cacheKey)}}`;
  return { entry: `${base}:entry`, lock: `${base}:lock` };
}

// Braces would end the hash tag early; identities never need them.
function hashTagSafe(value: string): string {
  return value.replace(/[{}]/g, "_");
}
