import { compareStrings } from "../model/compare-strings.js";
import type { EdmModel, EdmPrimitiveName, EdmProperty } from "../model/edm-model.js";
import type { EmitOptions } from "./emit-options.js";

/** Per structured type: property → Edm primitive to convert, or the nested type that holds conversions. */
export type ConversionEntries = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** True when the route's TypeScript values differ from plain JSON, so its registry needs a value codec. */
export function mapsValues(options: EmitOptions): boolean {
  return options.dates === "Date" || options.decimal === "string" || options.int64 === "string";
}

/** Whether values of this primitive differ from their JSON form under the options. */
export function isConverted(name: EdmPrimitiveName, options: EmitOptions): boolean {
  switch (name) {
    case "Edm.Date":
    case "Edm.DateTimeOffset":
      return options.dates === "Date";
    case "Edm.Decimal":
      return options.decimal === "string";
    case "Edm.Int64":
      return options.int64 === "string";
    case "Edm.String":
    case "Edm.Guid":
    case "Edm.Boolean":
    case "Edm.Byte":
    case "Edm.SByte":
    case "Edm.Int16":
    case "Edm.Int32":
    case "Edm.Single":
    case "Edm.Double":
    case "Edm.TimeOfDay":
    case "Edm.Duration":
    case "Edm.Binary":
    case "Edm.Stream":
      return false;
    default: {
      const unreachable: never = name;
      return unreachable;
    }
  }
}

/**
 * The runtime's conversion table: for each entity and complex type that holds converted values
 * (directly, or through complex properties, navigation for `$expand` and deep insert), the
 * properties to visit. Types that reach nothing to convert are left out, so the table stays small.
 *
 * @example
 * // dates: "Date"
 * conversionTable(model, options).get("Microsoft.NAV.salesOrder")
 * // Map { "orderDate" → "Edm.Date", "customer" → "Microsoft.NAV.customer", "salesOrderLines" → "Microsoft.NAV.salesOrderLine", … }
 */
export function conversionTable(model: EdmModel, options: EmitOptions): ConversionEntries {
  const edges = new Map<string, [string, string][]>();
  const direct = new Map<string, [string, string][]>();
  const structured = [
    ...model.entityTypes.map((t) => ({ name: t.qualifiedName, properties: t.properties, navigation: t.navigation })),
    ...model.complexTypes.map((t) => ({ name: t.qualifiedName, properties: t.properties, navigation: [] })),
  ];
  const known = new Set(structured.map((t) => t.name));
  for (const type of structured) {
    direct.set(type.name, type.properties.flatMap((p) => (p.type.kind === "primitive" && isConverted(p.type.name, options) ? [[p.wireName, p.type.name] as [string, string]] : [])));
    edges.set(type.name, [
      ...type.properties.flatMap((p) => nestedType(p)),
      // Navigation to a pruned type has no model here: its expanded values stay plain JSON.
      ...type.navigation.filter((n) => known.has(n.targetType)).map((n) => [n.wireName, n.targetType] as [string, string]),
    ]);
  }
  // Fixpoint: a type is kept when it converts something itself or reaches a kept type.
  const kept = new Set([...direct].filter(([, d]) => d.length > 0).map(([name]) => name));
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, out] of edges) {
      if (!kept.has(name) && out.some(([, target]) => kept.has(target))) {
        kept.add(name);
        changed = true;
      }
    }
  }
  const table = new Map<string, ReadonlyMap<string, string>>();
  for (const name of [...kept].sort(compareStrings)) {
    const entries = [...direct.get(name)!, ...edges.get(name)!.filter(([, target]) => kept.has(target))];
    table.set(name, new Map(entries.sort(([a], [b]) => compareStrings(a, b))));
  }
  return table;
}

function nestedType(p: EdmProperty): [string, string][] {
  return p.type.kind === "complex" || p.type.kind === "entity" ? [[p.wireName, p.type.qualifiedName]] : [];
}
