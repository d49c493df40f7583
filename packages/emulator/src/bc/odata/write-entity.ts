import type { EdmEntitySet, EdmEntityType } from "../metadata/edm-model.js";
import { BcError, bcErrors } from "../http/bc-error.js";
import type { StoredEntity } from "../store/entity-store.js";
import { formatDateTime } from "./edm-values.js";
import { formatKey, storeKey } from "./entity-key.js";
import { validateBody, withDefaults } from "./entity-values.js";
import type { ODataContext } from "./odata-context.js";
import { candidateRows, type ParentLink } from "./resource-resolver.js";
import { applyDocumentRules } from "./document-rules.js";

export const bodyRequired = (): BcError => new BcError(400, "BadRequest", "Values must be provided in the body.");

function stamp(type: EdmEntityType, values: Record<string, unknown>, now: number, created: boolean): void {
  const ts = formatDateTime(now);
  if (type.properties.has("lastModifiedDateTime")) values["lastModifiedDateTime"] = ts;
  if (type.properties.has("systemModifiedAt")) values["systemModifiedAt"] = ts;
  if (created && type.properties.has("systemCreatedAt")) values["systemCreatedAt"] = ts;
}

/** Next number in the set's series: the highest `<prefix><digits>` number plus one, same width (BC number series, simplified). */
function nextNumber(rows: readonly StoredEntity[]): string {
  let best: { prefix: string; digits: string } | undefined;
  for (const r of rows) {
    const m = /^(.*?)(\d+)$/.exec(String(r.values["number"] ?? ""));
    if (m && (!best || BigInt(m[2]!) > BigInt(best.digits))) best = { prefix: m[1]!, digits: m[2]! };
  }
  if (!best) return "1";
  return `${best.prefix}${(BigInt(best.digits) + 1n).toString().padStart(best.digits.length, "0")}`;
}

/**
 * POST (§5.1) including deep insert (§5.3): the header and every nested child are created in one
 * store transaction, so a failing child leaves nothing behind.
 */
export function createEntity(
  ctx: ODataContext,
  set: EdmEntitySet,
  scope: string,
  body: Readonly<Record<string, unknown>>,
  parent: ParentLink | undefined,
): StoredEntity {
  if (!set.capabilities.insertable) throw methodNotAllowed("POST", set);
  const type = ctx.route.typeOf(set);
  const key = ctx.store.transaction(() => {
    const { values, navigation } = validateBody(type, ctx.route.model, body);
    if (parent) for (const c of parent.nav.constraints) values[c.referencedProperty] = parent.row.values[c.property];
    for (const k of type.keys) {
      const p = type.properties.get(k);
      if (values[k] !== undefined) continue;
      if (p?.type.kind === "primitive" && p.type.name === "Edm.Guid") values[k] = ctx.settings.newId();
      else throw new BcError(400, "BadRequest_RequiredParamNotProvided", `Field '${k}' must not be blank or empty.`);
    }
    if (type.properties.has("number") && !values["number"]) values["number"] = nextNumber(ctx.store.list(scope, set.name));
    stamp(type, values, ctx.clock.now(), true);
    const record = withDefaults(type, ctx.route.model, values);
    const key = storeKey(type, record);
    if (ctx.store.get(scope, set.name, key)) {
      throw new BcError(409, "Internal_EntityWithSameKeyExists", `The record already exists. Identification fields and values: ${formatKey(type, record)}`);
    }
    applyDocumentRules(ctx, set, scope, record, undefined, new Set(Object.keys(values)));
    const row = ctx.store.put(scope, set.name, key, record);
    for (const [navName, childBody] of navigation) {
      const nav = type.navigation.get(navName)!;
      const childSet = ctx.route.setForType(nav.target);
      if (!childSet || nav.constraints.length === 0) throw new BcError(400, "BadRequest", `Deep insert is not supported for '${navName}'.`);
      const children = nav.collection ? childBody : [childBody];
      if (!Array.isArray(children)) throw new BcError(400, "BadRequest", `Invalid Request Body. '${navName}' must be an array.`);
      for (const child of children) {
        if (typeof child !== "object" || child === null) throw new BcError(400, "BadRequest", `Invalid Request Body. '${navName}' items must be objects.`);
        createEntity(ctx, childSet, ctx.route.isCompanyScoped(childSet.name) ? scope : "", child as Record<string, unknown>, { nav, row });
      }
    }
    return key;
  });
  // Children and commit hooks may have changed the row (header totals); hand back the current one.
  return ctx.store.get(scope, set.name, key)!;
}

function methodNotAllowed(method: string, set: EdmEntitySet): BcError {
  return bcErrors.methodNotAllowed(method, set.name);
}

/** PATCH (§5.1): no deep patch, keys immutable, every change gets a new row version (new ETag). */
export function updateEntity(ctx: ODataContext, set: EdmEntitySet, scope: string, row: StoredEntity, body: Readonly<Record<string, unknown>>): StoredEntity {
  if (!set.capabilities.updatable) throw methodNotAllowed("PATCH", set);
  const type = ctx.route.typeOf(set);
  return ctx.store.transaction(() => {
    const { values, navigation } = validateBody(type, ctx.route.model, body);
    if (navigation.size > 0) throw new BcError(400, "BadRequest_InvalidOperation", "Deep update is not supported. Update navigation properties through their own URLs.");
    for (const k of type.keys) {
      if (k in values && values[k] !== row.values[k]) throw new BcError(400, "BadRequest_InvalidOperation", `Control '${k}' is read-only.`);
    }
    const record = { ...row.values, ...values };
    stamp(type, record, ctx.clock.now(), false);
    applyDocumentRules(ctx, set, scope, record);
    return ctx.store.put(scope, set.name, row.key, record);
  });
}

/** DELETE (§5.1); document lines go with their header (containment with a parent-key constraint). */
export function deleteEntity(ctx: ODataContext, set: EdmEntitySet, scope: string, row: StoredEntity): void {
  if (!set.capabilities.deletable) throw methodNotAllowed("DELETE", set);
  const type = ctx.route.typeOf(set);
  ctx.store.transaction(() => {
    for (const nav of type.navigation.values()) {
      const owned = nav.collection && nav.constraints.length === 1 && type.keys.includes(nav.constraints[0]!.property) && ["documentId", "parentId"].includes(nav.constraints[0]!.referencedProperty);
      const childSet = owned ? ctx.route.setForType(nav.target) : undefined;
      if (!childSet) continue;
      const childScope = ctx.route.isCompanyScoped(childSet.name) ? scope : "";
      for (const child of candidateRows(ctx, childSet, childScope, { nav, row })) ctx.store.delete(childScope, childSet.name, child.key);
    }
    ctx.store.delete(scope, set.name, row.key);
    applyDocumentRules(ctx, set, scope, undefined, row.values);
  });
}
