import type { MetadataInventory } from "./metadata-inventory.js";
import type { SurvivalProbe } from "./survival-probe.js";

export type FeatureKind = "entityTypes" | "navigationProperties" | "boundActions" | "streamProperties" | "enumTypes";

export const featureLabels: Readonly<Record<FeatureKind, string>> = {
  entityTypes: "entity types",
  navigationProperties: "navigation properties",
  boundActions: "bound actions/functions",
  streamProperties: "stream properties (typed as stream)",
  enumTypes: "enum types",
};

export interface FeatureCount {
  readonly declared: number;
  readonly survived: number;
  /** a few lost items, for the report */
  readonly lostExamples: readonly string[];
}

export type LossCounts = Readonly<Record<FeatureKind, FeatureCount>>;

/** Counts, per feature kind, how many declared items survive in one tool's output. */
export function countLosses(inventory: MetadataInventory, probe: SurvivalProbe): LossCounts {
  return {
    entityTypes: tally(inventory.entityTypes, (t) => probe.entityType(t.name), (t) => t.name),
    navigationProperties: tally(inventory.navigationProperties, (n) => probe.navigation(n.owner, n.name), (n) => `${n.owner}.${n.name}`),
    boundActions: tally(inventory.boundActions, (a) => probe.boundAction(a.binding, a.name), (a) => `${a.binding}/${a.name}`),
    streamProperties: tally(inventory.streamProperties, (s) => probe.stream(s.owner, s.name), (s) => `${s.owner}.${s.name}`),
    enumTypes: tally(inventory.enumTypes, (e) => probe.enumType(e.name), (e) => e.name),
  };
}

function tally<T>(items: readonly T[], survives: (item: T) => boolean, label: (item: T) => string): FeatureCount {
  let survived = 0;
  const lost: string[] = [];
  for (const item of items) {
    if (survives(item)) survived++;
    else if (lost.length < 3) lost.push(label(item));
  }
  return { declared: items.length, survived, lostExamples: lost };
}
