import type { EdmEntityType } from "../metadata/edm-model.js";
import { bcErrors } from "../http/bc-error.js";
import type { StoredEntity } from "../store/entity-store.js";
import { compareValues, compileFilter } from "./filter-evaluator.js";
import type { ODataContext } from "./odata-context.js";
import type { QueryOptions } from "./query-options.js";

export interface QueryResult {
  readonly page: readonly StoredEntity[];
  /** Count after `$filter`, before `$skip`/`$top` (`$count=true`). */
  readonly count: number;
  /** Offset (within the `$skip`/`$top` window) where the next server page starts, if any. */
  readonly nextOffset: number | undefined;
}

/**
 * `$filter` → `$orderby` → `$skip`/`$top` → server paging. `offset` is how far into the
 * `$skip`/`$top` window earlier pages already went (decoded from the `$skiptoken`).
 */
export function applyQuery(
  ctx: ODataContext,
  type: EdmEntityType,
  rows: readonly StoredEntity[],
  options: QueryOptions,
  pageSize: number,
  offset: number,
): QueryResult {
  let result = [...rows];
  if (options.filter) {
    const predicate = compileFilter(options.filter, type, ctx.route.model, { schemaVersion21: ctx.schemaVersion21, maxNodeCount: ctx.settings.maxFilterNodes });
    result = result.filter((r) => predicate(r.values));
  }
  if (options.orderBy.length > 0) {
    const keys = options.orderBy.map((o) => {
      const property = type.properties.get(o.property);
      if (!property) throw bcErrors.noSuchProperty(o.property, type.qualifiedName);
      return { ...o, property };
    });
    result.sort((a, b) => {
      for (const k of keys) {
        const c = compareValues({ value: a.values[k.property.name], property: k.property, folded: false }, b.values[k.property.name], ctx.route.model);
        if (c !== 0) return k.descending ? -c : c;
      }
      return 0;
    });
  }
  const count = result.length;
  const skip = options.skip ?? 0;
  const windowEnd = options.top === undefined ? result.length : Math.min(result.length, skip + options.top);
  const start = skip + offset;
  const end = Math.min(windowEnd, start + pageSize);
  const page = result.slice(start, end);
  return { page, count, nextOffset: end < windowEnd ? end - skip : undefined };
}
