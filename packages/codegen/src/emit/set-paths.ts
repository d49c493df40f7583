import type { EdmEntitySet, EdmEntityType, EdmModel, EdmPrimitiveName, EdmProperty } from "../model/edm-model.js";

export interface PathParameter {
  /** Placeholder name in the template, e.g. `company_id`, `Document_Type`. */
  readonly name: string;
  readonly edm: EdmPrimitiveName | "enum";
}

export interface SetPaths {
  readonly set: EdmEntitySet;
  readonly type: EdmEntityType;
  /** `/companies({company_id})/customers` */
  readonly collection: string;
  /** `/companies({company_id})/customers({id})`, or undefined for key-less types. */
  readonly entity: string | undefined;
  readonly scopeParameters: readonly PathParameter[];
  readonly keyParameters: readonly PathParameter[];
}

/**
 * The compact URL templates of a set: its collection and one entity, under the company scope when
 * company-scoped — never nested navigation paths, so the count grows with sets, not with the graph.
 * Key literals follow OData: GUIDs and numbers bare, strings quoted (`No='{No}'`).
 */
export function setPaths(model: EdmModel, set: EdmEntitySet, type: EdmEntityType): SetPaths {
  const scopeParameters: PathParameter[] = [];
  let prefix = "";
  if (set.scope === "company") {
    if (model.routeKind === "api") {
      prefix = "/companies({company_id})";
      scopeParameters.push({ name: "company_id", edm: "Edm.Guid" });
    } else {
      prefix = "/Company('{company_name}')";
      scopeParameters.push({ name: "company_name", edm: "Edm.String" });
    }
  }
  const keys = type.keys.map((k) => type.properties.find((p) => p.wireName === k)!);
  const keyParameters = keys.map((p): PathParameter => ({ name: placeholder(p.wireName), edm: p.type.kind === "primitive" ? p.type.name : "enum" }));
  const collection = `${prefix}/${set.wireName}`;
  const keyText = keys.length === 1 ? literal(keys[0]!, keyParameters[0]!) : keys.map((p, i) => `${p.wireName}=${literal(p, keyParameters[i]!)}`).join(",");
  return { set, type, collection, entity: keys.length > 0 ? `${collection}(${keyText})` : undefined, scopeParameters, keyParameters };
}

function literal(property: EdmProperty, parameter: PathParameter): string {
  return quoted(parameter.edm) ? `'{${parameter.name}}'` : `{${parameter.name}}`;
}

export function quoted(edm: PathParameter["edm"]): boolean {
  return edm === "Edm.String" || edm === "enum";
}

function placeholder(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, "_");
}
