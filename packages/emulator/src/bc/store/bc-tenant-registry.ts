import type { BcApplicationRegistration, BcTenantOptions } from "../auth/bc-tenant.js";
import type { Clock } from "../clock.js";
import type { LoadedRoute } from "../metadata/loaded-route.js";
import type { SeedCompany } from "../seed/cronus-seed.js";
import { BcEnvironment } from "./bc-environment.js";

interface TenantState {
  readonly options: BcTenantOptions;
  applications: BcApplicationRegistration[];
  readonly environments: Map<string, BcEnvironment>;
}

/** The BC tenants the server knows: their environments (with data) and their app registrations (§1.4). */
export class BcTenantRegistry {
  private readonly tenants = new Map<string, TenantState>();

  constructor(tenants: readonly BcTenantOptions[], routes: readonly LoadedRoute[], seed: readonly SeedCompany[], clock: Clock) {
    for (const t of tenants) {
      const environments = new Map<string, BcEnvironment>();
      for (const name of t.environments ?? ["production"]) environments.set(name.toLowerCase(), new BcEnvironment(t.tenantId, name, routes, seed, clock));
      this.tenants.set(t.tenantId.toLowerCase(), { options: t, applications: [...t.applications], environments });
    }
  }

  /** By GUID or verified domain name, case-insensitive (§2.1). */
  find(idOrDomain: string): BcTenantOptions | undefined {
    const lower = idOrDomain.toLowerCase();
    for (const t of this.tenants.values()) {
      if (t.options.tenantId.toLowerCase() === lower || (t.options.domains ?? []).some((d) => d.toLowerCase() === lower)) {
        return { ...t.options, applications: t.applications };
      }
    }
    return undefined;
  }

  /** Environment names are case-insensitive (§2.1). */
  environment(tenantId: string, name: string): BcEnvironment | undefined {
    return this.tenants.get(tenantId.toLowerCase())?.environments.get(name.toLowerCase());
  }

  allEnvironments(): BcEnvironment[] {
    return [...this.tenants.values()].flatMap((t) => [...t.environments.values()]);
  }

  private state(tenantId: string): TenantState {
    const t = this.tenants.get(tenantId.toLowerCase());
    if (!t) throw new TypeError(`unknown BC tenant ${tenantId}`);
    return t;
  }

  registerApplication(tenantId: string, registration: BcApplicationRegistration): void {
    const t = this.state(tenantId);
    t.applications = [...t.applications.filter((a) => a.clientId.toLowerCase() !== registration.clientId.toLowerCase()), registration];
  }

  setApplicationEnabled(tenantId: string, clientId: string, enabled: boolean): void {
    const t = this.state(tenantId);
    const existing = t.applications.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase());
    if (!existing) throw new TypeError(`app ${clientId} is not registered in BC tenant ${tenantId}`);
    t.applications = t.applications.map((a) => (a === existing ? { ...a, enabled } : a));
  }
}
