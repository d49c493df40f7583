import type { EdmEntityType, EdmModel, EdmProperty } from "../metadata/edm-model.js";
import type { LoadedRoute } from "../metadata/loaded-route.js";
import { seedGuid } from "./seed-guid.js";

/**
 * `count` deterministic rows for an entity set, made from its type alone: the same document gives
 * the same rows on every start, so tests can assert on them.
 *
 * @example
 * generatedRows(route, "carBrands", 2)
 * // → [{ id: "<seedGuid carBrands:1:id>", name: "name 1" }, { id: "…", name: "name 2" }]
 * // carModels rows get brandId from the carBrands row with the same number (ReferentialConstraint).
 */
export function generatedRows(route: LoadedRoute, setName: string, count: number): Record<string, unknown>[] {
  const set = route.model.entitySets.get(setName);
  if (!set) throw new TypeError(`route ${route.path} has no entity set ${setName}`);
  const type = route.typeOf(set);
  const links = parentLinks(route, type);
  return Array.from({ length: count }, (_, index) => {
    const n = index + 1;
    const row: Record<string, unknown> = {};
    for (const property of type.properties.values()) {
      const value = generatedValue(property, route.model, setName, n);
      if (value !== undefined) row[property.name] = value;
    }
    // A child row points at the parent row with the same number, so navigation finds something.
    for (const link of links) row[link.childProperty] = link.parentValue(n);
    return row;
  });
}

interface ParentLink {
  readonly childProperty: string;
  parentValue(n: number): unknown;
}

function parentLinks(route: LoadedRoute, child: EdmEntityType): ParentLink[] {
  const links: ParentLink[] = [];
  for (const parent of route.model.entityTypes.values()) {
    const parentSet = route.setForType(parent.qualifiedName);
    if (!parentSet || parent === child) continue;
    for (const nav of parent.navigation.values()) {
      if (nav.target !== child.qualifiedName) continue;
      for (const c of nav.constraints) {
        const parentProperty = parent.properties.get(c.property);
        if (!parentProperty || !child.properties.has(c.referencedProperty)) continue;
        links.push({ childProperty: c.referencedProperty, parentValue: (n) => generatedValue(parentProperty, route.model, parentSet.name, n) });
      }
    }
  }
  return links;
}

/** One value per Edm type; undefined leaves the property to BC's blank value (complex, binary, streams). */
function generatedValue(property: EdmProperty, model: EdmModel, setName: string, n: number): unknown {
  const t = property.type;
  switch (t.kind) {
    case "enum": {
      const members = model.enumTypes.get(t.name)?.members ?? [];
      return members.length === 0 ? undefined : members[(n - 1) % members.length]!.name;
    }
    case "complex":
    case "other":
      return undefined;
    case "primitive":
      switch (t.name) {
        case "Edm.String": {
          const text = `${property.name} ${n}`;
          const max = property.maxLength ?? 250;
          return text.length <= max ? text : `${property.name.slice(0, Math.max(0, max - String(n).length))}${n}`.slice(-max);
        }
        case "Edm.Guid":
          return seedGuid(`${setName}:${n}:${property.name}`);
        case "Edm.Boolean":
          return n % 2 === 0;
        case "Edm.Int32":
        case "Edm.Int64":
          return n;
        case "Edm.Decimal":
        case "Edm.Double":
          return n * 10 + 0.5;
        case "Edm.Date":
          return `2026-01-${String(((n - 1) % 28) + 1).padStart(2, "0")}`;
        case "Edm.DateTimeOffset":
          return `2026-01-${String(((n - 1) % 28) + 1).padStart(2, "0")}T09:00:00Z`;
        case "Edm.TimeOfDay":
          return `${String(8 + (n % 10)).padStart(2, "0")}:00:00`;
        case "Edm.Duration":
          return `PT${n}H`;
        case "Edm.Binary":
        case "Edm.Stream":
          return undefined;
      }
      return undefined;
    default: {
      const unreachable: never = t;
      return unreachable;
    }
  }
}
