import { storeKey } from "../odata/entity-key.js";
import { validateBody, withDefaults } from "../odata/entity-values.js";
import type { BcEnvironment } from "../store/bc-environment.js";
import { generatedRows } from "./generated-rows.js";
import { seedGuid } from "./seed-guid.js";

/** Rows per entity set of one route, as in a seed file: `{ "carBrands": [{ "name": "Contoso" }] }`. */
export type RouteRows = Readonly<Record<string, readonly Readonly<Record<string, unknown>>[]>>;

export interface SeedRouteOptions {
  /** Rows to insert, validated against the route's `$metadata` like a client's POST body. */
  readonly rows?: RouteRows;
  /** Generated rows for every other entity set of the route (not the companies set). Default 0. */
  readonly generate?: number;
}

/**
 * Fills one route of an environment after start: company-scoped sets in every company, others at
 * tenant level. Returns the number of rows per set.
 *
 * @example
 * seedRouteRows(emu.bc.environment(emu.tenantId), "api/contoso/cars/v1.0", { rows: { carBrands: [{ name: "Contoso" }] }, generate: 3 });
 * // GET …/api/contoso/cars/v1.0/companies({id})/carBrands → Contoso; carModels → 3 generated rows
 */
export function seedRouteRows(environment: BcEnvironment, routePath: string, options: SeedRouteOptions): Readonly<Record<string, number>> {
  const wanted = routePath.replace(/^\/+|\/+$/g, "").toLowerCase();
  const route = environment.routes.find((r) => r.path.toLowerCase() === wanted);
  if (!route) throw new TypeError(`seed: no route ${routePath}; served routes: ${environment.routes.map((r) => r.path).join(", ")}`);
  const store = environment.store(route);
  const companies = environment.companies.all().map((c) => c.id);
  const counts: Record<string, number> = {};
  const given = options.rows ?? {};
  for (const setName of Object.keys(given)) {
    if (!route.model.entitySets.has(setName)) {
      throw new TypeError(`seed: route ${route.path} has no entity set "${setName}"; its sets: ${[...route.model.entitySets.keys()].join(", ")}`);
    }
  }
  for (const set of route.model.entitySets.values()) {
    if (set === route.companySet) continue;
    const rows = given[set.name] ?? generatedRows(route, set.name, options.generate ?? 0);
    if (rows.length === 0) continue;
    const type = route.typeOf(set);
    const scopes = route.isCompanyScoped(set.name) ? companies : [""];
    for (const [index, given] of rows.entries()) {
      // A GUID key left out gets a stable one, as BC assigns SystemId on insert.
      const input: Record<string, unknown> = { ...given };
      for (const key of type.keys) {
        const property = type.properties.get(key);
        if (input[key] === undefined && property?.type.kind === "primitive" && property.type.name === "Edm.Guid") input[key] = seedGuid(`${set.name}:seed:${index + 1}`);
      }
      let values: Record<string, unknown>;
      try {
        values = withDefaults(type, route.model, validateBody(type, route.model, input).values);
      } catch (error) {
        throw new TypeError(`seed: ${route.path} ${set.name}[${index}]: ${error instanceof Error ? error.message : String(error)}`);
      }
      for (const scope of scopes) store.put(scope, set.name, storeKey(type, values), values);
    }
    counts[set.name] = rows.length;
  }
  return counts;
}
