/**
 * Delta links, as BC documented them before removing them in v24 ("Using delta links with APIs";
 * ChangeTrackingAllowed "has no effect" from 2024 release wave 1). Off by default so that code relying
 * on them fails here first, as it would against BC online today. Turn on to test a sync against a BC
 * that still has them (older on-prem, or for the sync loop itself):
 *
 *   startEmulator({ bc: { changeTracking: { enabled: true, retentionMs: 3_600_000 } } })
 */
export interface ChangeTrackingOptions {
  /** Answer `Prefer: odata.track-changes` with `@odata.deltaLink`. Default false (BC ≥ v24 ignores the preference). */
  readonly enabled?: boolean;
  /** A delta link older than this answers 410 Gone. BC's retention is [UNK]; default 7 days. */
  readonly retentionMs?: number;
  /** Entity sets without change tracking (BC: sets without an `id`, e.g. report APIs, are never tracked). */
  readonly untrackedSets?: readonly string[];
}

export interface ChangeTrackingSettings {
  readonly enabled: boolean;
  readonly retentionMs: number;
  readonly untrackedSets: ReadonlySet<string>;
}

export function resolveChangeTracking(options: ChangeTrackingOptions | undefined): ChangeTrackingSettings {
  return {
    enabled: options?.enabled ?? false,
    retentionMs: options?.retentionMs ?? 7 * 24 * 3_600_000,
    untrackedSets: new Set(options?.untrackedSets ?? []),
  };
}
