import type { EdmBoundAction, EdmEntitySet, EdmEntityType, EdmModel } from "./edm-model.js";
import { MetadataError } from "./metadata-error.js";

export type RouteKind = "api" | "odatav4";

/**
 * A route (`api/v2.0`, `api/microsoft/automation/v2.0`, `api/{p}/{g}/{v}`, `ODataV4`) with its model
 * and the scoping rules derived from it once: which sets are tenant-level and which live in a company.
 */
export interface LoadedRoute {
  readonly path: string;
  readonly kind: RouteKind;
  readonly model: EdmModel;
  /** `companies` (API routes) or `Company` (ODataV4). */
  readonly companySet: EdmEntitySet | undefined;
  /** Role the token must carry (§1.4): Automation.ReadWrite.All for the automation route, else API.ReadWrite.All. */
  readonly requiredRole: string;
  isCompanyScoped(setName: string): boolean;
  setForType(qualifiedName: string): EdmEntitySet | undefined;
  typeOf(set: EdmEntitySet): EdmEntityType;
  boundAction(type: EdmEntityType, name: string): EdmBoundAction | undefined;
}

export function loadRoute(path: string, model: EdmModel): LoadedRoute {
  const kind: RouteKind = path.toLowerCase() === "odatav4" ? "odatav4" : "api";
  const companySet = model.entitySets.get(kind === "odatav4" ? "Company" : "companies");
  const companyType = companySet ? model.entityTypes.get(companySet.entityType) : undefined;
  const containedTypes = new Set(
    [...(companyType?.navigation.values() ?? [])].filter((n) => n.containsTarget).map((n) => n.target),
  );
  const byType = new Map<string, EdmEntitySet>();
  for (const set of model.entitySets.values()) {
    // Prefer the set whose name matches the company's navigation name (`customers` for customer).
    if (!byType.has(set.entityType)) byType.set(set.entityType, set);
  }
  for (const nav of companyType?.navigation.values() ?? []) {
    const set = model.entitySets.get(nav.name);
    if (set && set.entityType === nav.target) byType.set(nav.target, set);
  }
  return {
    path,
    kind,
    model,
    companySet,
    requiredRole: path.toLowerCase().startsWith("api/microsoft/automation/") ? "Automation.ReadWrite.All" : "API.ReadWrite.All",
    isCompanyScoped(setName) {
      const set = model.entitySets.get(setName);
      if (!set || set === companySet) return false;
      return kind === "odatav4" ? companySet !== undefined : containedTypes.has(set.entityType);
    },
    setForType: (qualifiedName) => byType.get(qualifiedName),
    typeOf(set) {
      const type = model.entityTypes.get(set.entityType);
      if (!type) throw new MetadataError(`unknown type ${set.entityType}`);
      return type;
    },
    boundAction: (type, name) => {
      const bare = name.includes(".") ? name.slice(name.lastIndexOf(".") + 1) : name;
      return model.boundActions.find((a) => a.bindingType === type.qualifiedName && a.name === bare && !a.bindingCollection);
    },
  };
}
