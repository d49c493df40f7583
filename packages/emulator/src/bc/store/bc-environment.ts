import type { Clock } from "../clock.js";
import type { LoadedRoute } from "../metadata/loaded-route.js";
import { formatDateTime } from "../odata/edm-values.js";
import { storeKey } from "../odata/entity-key.js";
import { validateBody, withDefaults } from "../odata/entity-values.js";
import type { SeedCompany } from "../seed/cronus-seed.js";
import { CompanyDirectory } from "./company-directory.js";
import { EntityStore } from "./entity-store.js";

/** One BC environment of one tenant: its companies and one store per route. */
export class BcEnvironment {
  readonly companies: CompanyDirectory;
  private readonly stores = new Map<string, EntityStore>();

  constructor(
    readonly tenantId: string,
    readonly name: string,
    readonly routes: readonly LoadedRoute[],
    seed: readonly SeedCompany[],
    private readonly clock: Clock,
  ) {
    this.companies = new CompanyDirectory(seed.map(({ id, name, displayName, businessProfileId }) => ({ id, name, displayName, businessProfileId })));
    for (const route of routes) {
      const store = new EntityStore();
      this.stores.set(route.path.toLowerCase(), store);
      this.seedRoute(route, store, seed);
    }
  }

  store(route: LoadedRoute): EntityStore {
    return this.stores.get(route.path.toLowerCase())!;
  }

  /** The store behind a route path, e.g. `storeFor("api/v2.0").list(companyId, "customers")`. */
  storeFor(routePath: string): EntityStore {
    const store = this.stores.get(routePath.replace(/^\/+|\/+$/g, "").toLowerCase());
    if (!store) throw new TypeError(`no route ${routePath} in environment ${this.name}`);
    return store;
  }

  /** Companies rows per route shape, then the seed rows of every set the route's metadata has. */
  private seedRoute(route: LoadedRoute, store: EntityStore, seed: readonly SeedCompany[]): void {
    const model = route.model;
    const created = formatDateTime(Date.parse("2025-06-01T08:00:00Z"));
    if (route.companySet) {
      const type = route.typeOf(route.companySet);
      for (const c of seed) {
        const candidate: Record<string, unknown> = {
          id: c.id, Id: c.id, name: c.name, Name: c.name, displayName: c.displayName, Display_Name: c.displayName,
          businessProfileId: c.businessProfileId, Business_Profile_Id: c.businessProfileId, systemVersion: "27.0.38460.41286",
          systemCreatedAt: created, systemModifiedAt: created, timestamp: 1, Evaluation_Company: true,
        };
        const values = Object.fromEntries(Object.entries(candidate).filter(([k]) => type.properties.has(k)));
        const row = withDefaults(type, model, validateBody(type, model, values).values);
        store.put("", route.companySet.name, storeKey(type, row), row);
      }
    }
    for (const company of seed) {
      for (const [setName, rows] of Object.entries(company.rows)) {
        const set = model.entitySets.get(setName);
        if (!set || !route.isCompanyScoped(setName)) continue;
        const type = route.typeOf(set);
        for (const input of rows) {
          // Seed rows go through the same validation as client writes, so they stay valid per $metadata.
          const row = withDefaults(type, model, validateBody(type, model, input).values);
          store.put(company.id, setName, storeKey(type, row), row);
        }
      }
    }
  }

  now(): number {
    return this.clock.now();
  }
}
