/** An app registered on BC's "Microsoft Entra Applications" page (§1.4). */
export interface BcApplicationRegistration {
  readonly clientId: string;
  /** State = Enabled (default true). A disabled or missing registration yields 401 Authentication_InvalidCredentials. */
  readonly enabled?: boolean;
  readonly description?: string;
}

/** A BC tenant known to the emulator. */
export interface BcTenantOptions {
  readonly tenantId: string;
  /** Verified domain names usable instead of the GUID in URLs (§2.1). */
  readonly domains?: readonly string[];
  /** Environment names (case-insensitive, §2.1). Default ["production"]. */
  readonly environments?: readonly string[];
  readonly applications: readonly BcApplicationRegistration[];
}
