import type { EdmEntitySet, EdmEntityType } from "../metadata/edm-model.js";
import { bcErrors } from "../http/bc-error.js";
import type { StoredEntity } from "../store/entity-store.js";
import { etagFor } from "./etag.js";
import type { ODataContext } from "./odata-context.js";
import type { QueryOptions } from "./query-options.js";
import { applyQuery } from "./apply-query.js";
import { candidateRows, entityPath } from "./resource-resolver.js";

/**
 * JSON shape of one entity as BC sends it (§10): `@odata.etag` first, properties in metadata order,
 * stream properties as `<name>@odata.mediaReadLink`, navigation properties only when expanded.
 */
export function serializeEntity(
  ctx: ODataContext,
  set: EdmEntitySet,
  scope: string,
  row: StoredEntity,
  options: QueryOptions,
): Record<string, unknown> {
  const type = ctx.route.typeOf(set);
  const out: Record<string, unknown> = { "@odata.etag": etagFor(set.name, row.key, row.rowVersion) };
  const selected = options.select && options.select.length > 0 ? new Set(options.select) : undefined;
  if (selected) for (const name of selected) if (!type.properties.has(name) && !type.navigation.has(name)) throw bcErrors.noSuchProperty(name, type.qualifiedName);
  for (const p of type.properties.values()) {
    if (selected && !selected.has(p.name)) continue;
    if (p.type.kind === "primitive" && p.type.name === "Edm.Stream") {
      out[`${p.name}@odata.mediaReadLink`] = `${ctx.serviceRoot}/${entityPath(ctx, set, scope, row)}/${p.name}`;
      continue;
    }
    out[p.name] = row.values[p.name];
  }
  for (const item of options.expand) {
    const nav = type.navigation.get(item.navigation);
    if (!nav) throw bcErrors.noSuchProperty(item.navigation, type.qualifiedName);
    out[nav.name] = expand(ctx, set, type, scope, row, nav.name, item.options);
  }
  return out;
}

function expand(
  ctx: ODataContext,
  set: EdmEntitySet,
  type: EdmEntityType,
  scope: string,
  row: StoredEntity,
  navName: string,
  options: QueryOptions,
): unknown {
  const nav = type.navigation.get(navName)!;
  const isCompany = ctx.route.companySet !== undefined && set === ctx.route.companySet;
  const targetSet = isCompany ? (ctx.route.model.entitySets.get(nav.name) ?? ctx.route.setForType(nav.target)) : ctx.route.setForType(nav.target);
  if (!targetSet) return nav.collection ? [] : null;
  const targetScope = isCompany ? String(row.values["id"] ?? row.values["Id"] ?? "") : ctx.route.isCompanyScoped(targetSet.name) ? scope : "";
  const rows = candidateRows(ctx, targetSet, targetScope, isCompany ? undefined : { nav, row });
  const targetType = ctx.route.typeOf(targetSet);
  const { page } = applyQuery(ctx, targetType, rows, options, Number.POSITIVE_INFINITY, 0);
  const values = page.map((r) => serializeEntity(ctx, targetSet, targetScope, r, options));
  return nav.collection ? values : (values[0] ?? null);
}
