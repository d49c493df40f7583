import type { EdmBoundAction, EdmEntitySet, EdmEntityType, EdmNavigationProperty, EdmProperty } from "../metadata/edm-model.js";
import { BcError, bcErrors } from "../http/bc-error.js";
import type { StoredEntity } from "../store/entity-store.js";
import { formatKey, parseKey, storeKey } from "./entity-key.js";
import type { ODataContext } from "./odata-context.js";
import { ensureContainedRecord } from "./contained-record.js";
import { pdfDocumentRule } from "./pdf-document.js";
import { pictureRule } from "./picture.js";

/** A parent reached through a navigation property; its referential constraints filter the children. */
export interface ParentLink {
  readonly nav: EdmNavigationProperty;
  readonly row: StoredEntity;
}

export interface CollectionTarget {
  readonly kind: "collection";
  readonly set: EdmEntitySet;
  readonly type: EdmEntityType;
  readonly scope: string;
  readonly parent: ParentLink | undefined;
  /** `companies(…)/customers` — the part after `$metadata#`. */
  readonly contextPath: string;
}

export interface EntityTarget {
  readonly kind: "entity";
  readonly set: EdmEntitySet;
  readonly type: EdmEntityType;
  readonly scope: string;
  readonly row: StoredEntity;
  readonly contextPath: string;
  readonly parent: ParentLink | undefined;
}

export type ResourceTarget =
  | CollectionTarget
  | EntityTarget
  | { readonly kind: "count"; readonly collection: CollectionTarget }
  | { readonly kind: "action"; readonly entity: EntityTarget; readonly action: EdmBoundAction }
  | { readonly kind: "stream"; readonly entity: EntityTarget; readonly property: EdmProperty };

const segmentRe = /^([^()]+)(?:\((.*)\))?$/s;

/** Rows of `set` in `scope` that satisfy the parent's referential constraints. */
export function candidateRows(ctx: ODataContext, set: EdmEntitySet, scope: string, parent: ParentLink | undefined): StoredEntity[] {
  const rows = ctx.store.list(scope, set.name);
  if (!parent) return rows;
  // Without a referential constraint the relation cannot be joined: nothing is related.
  if (parent.nav.constraints.length === 0) return [];
  return rows.filter((r) => parent.nav.constraints.every((c) => r.values[c.referencedProperty] === parent.row.values[c.property]));
}

/** URL path of a stored entity relative to the service root: `companies(<id>)/customers(<id>)` or `Company('X')/Customer('10000')`. */
export function entityPath(ctx: ODataContext, set: EdmEntitySet, scope: string, row: StoredEntity): string {
  const own = `${set.name}(${formatKey(ctx.route.typeOf(set), row.values, true)})`;
  return scope ? `${companyPrefix(ctx, scope)}/${own}` : own;
}

export function companyPrefix(ctx: ODataContext, companyId: string): string {
  const companySet = ctx.route.companySet;
  if (!companySet) return "";
  const type = ctx.route.typeOf(companySet);
  const info = ctx.environment.companies.byId(companyId);
  const values: Record<string, unknown> = { id: companyId, Id: companyId, name: info?.name ?? "", Name: info?.name ?? "" };
  return `${companySet.name}(${formatKey(type, values, true)})`;
}

function companyIdOf(ctx: ODataContext, row: StoredEntity): string {
  const id = row.values["id"] ?? row.values["Id"];
  if (typeof id === "string" && id) return id;
  return ctx.environment.companies.byName(String(row.values["Name"] ?? ""))?.id ?? "";
}

const companyNotFound = (): BcError =>
  new BcError(400, "Internal_CompanyNotFound", 'Cannot process the request because the default company cannot be found. You can specify a default company in the service configuration file, or specify one for each tenant, or you can add a query string in the form of "company=[name]". You can see the available companies by accessing the default OData web service, Company. For more information, see "OData Web Services" in Help.');

function lookup(ctx: ODataContext, set: EdmEntitySet, scope: string, keyText: string, parent: ParentLink | undefined): StoredEntity {
  const type = ctx.route.typeOf(set);
  // ODataV4 `Company(Id=<guid>)`: the immutable id instead of the name key (§2.2).
  const byId = /^\s*Id\s*=\s*([0-9a-fA-F-]{36})\s*$/.exec(keyText);
  if (byId && set === ctx.route.companySet && !type.keys.includes("Id")) {
    const row = ctx.store.list(scope, set.name).find((r) => String(r.values["Id"]).toLowerCase() === byId[1]!.toLowerCase());
    if (row) return row;
  }
  const key = storeKey(type, parseKey(type, keyText));
  const row = ctx.store.get(scope, set.name, key);
  const fits = row && (!parent || parent.nav.constraints.every((c) => row.values[c.referencedProperty] === parent.row.values[c.property]));
  if (!row || !fits) {
    throw new BcError(404, "Internal_RecordNotFound", `The ${type.name} does not exist. Identification fields and values: ${keyText}`);
  }
  return row;
}

/** Walks the resource path segments (already split on `/`, each percent-decoded). */
export function resolveResource(ctx: ODataContext, segments: readonly string[]): ResourceTarget {
  const [first, ...rest] = segments;
  const m = segmentRe.exec(first ?? "");
  if (!m) throw bcErrors.resourceNotFound(first ?? "");
  const set = ctx.route.model.entitySets.get(m[1]!);
  if (!set) throw bcErrors.resourceNotFound(m[1]!);
  let scope = "";
  if (ctx.route.isCompanyScoped(set.name)) {
    // `?company=` takes an id or a name, the name optionally quoted (`'CRONUS USA, Inc.'`, §2.2).
    const raw = ctx.companyHint;
    const hint = raw !== undefined && /^'.*'$/s.test(raw) ? raw.slice(1, -1).replace(/''/g, "'") : raw;
    const company = hint === undefined ? undefined : ctx.environment.companies.byIdOrName(hint);
    if (hint === undefined) throw companyNotFound();
    if (!company) throw new BcError(400, "Unknown", "The supplied company name is not valid.");
    scope = company.id;
  }
  let current: ResourceTarget = { kind: "collection", set, type: ctx.route.typeOf(set), scope, parent: undefined, contextPath: set.name };
  if (m[2] !== undefined) current = toEntity(ctx, current, m[2]);

  for (const segment of rest) {
    if (segment === "$count" && current.kind === "collection") {
      current = { kind: "count", collection: current };
      continue;
    }
    if (current.kind !== "entity") throw bcErrors.resourceNotFound(segment);
    const entity: EntityTarget = current;
    const sm = segmentRe.exec(segment);
    if (!sm) throw bcErrors.resourceNotFound(segment);
    const name = sm[1]!;
    const nav = entity.type.navigation.get(name);
    if (nav) {
      current = navigate(ctx, entity, nav);
      if (sm[2] !== undefined) {
        if (current.kind !== "collection") throw bcErrors.resourceNotFound(segment);
        current = toEntity(ctx, current, sm[2]);
      }
      continue;
    }
    const property = entity.type.properties.get(name);
    if (property?.type.kind === "primitive" && property.type.name === "Edm.Stream" && sm[2] === undefined) {
      current = { kind: "stream", entity, property };
      continue;
    }
    if (name.includes(".")) {
      const action = findAction(ctx, entity.type, name);
      if (action) {
        current = { kind: "action", entity, action };
        continue;
      }
    }
    throw bcErrors.resourceNotFound(segment);
  }
  return current;
}

function findAction(ctx: ODataContext, type: EdmEntityType, name: string): EdmBoundAction | undefined {
  const exact = ctx.route.boundAction(type, name);
  if (exact || !ctx.settings.actionNamesCaseInsensitive) return exact;
  const bare = name.slice(name.lastIndexOf(".") + 1).toLowerCase();
  return ctx.route.model.boundActions.find((a) => a.bindingType === type.qualifiedName && a.name.toLowerCase() === bare);
}

function toEntity(ctx: ODataContext, c: CollectionTarget, keyText: string): EntityTarget {
  const row = lookup(ctx, c.set, c.scope, keyText, c.parent);
  return { kind: "entity", set: c.set, type: c.type, scope: c.scope, row, parent: c.parent, contextPath: c.contextPath };
}

function navigate(ctx: ODataContext, entity: EntityTarget, nav: EdmNavigationProperty): CollectionTarget | EntityTarget {
  const contextBase = `${entity.contextPath}(${formatKey(entity.type, entity.row.values, true)})/${nav.name}`;
  // company → contained set: switch into the company's scope.
  if (ctx.route.companySet && entity.set === ctx.route.companySet) {
    const set = ctx.route.model.entitySets.get(nav.name) ?? ctx.route.setForType(nav.target);
    if (!set) throw bcErrors.resourceNotFound(nav.name);
    return { kind: "collection", set, type: ctx.route.typeOf(set), scope: companyIdOf(ctx, entity.row), parent: undefined, contextPath: contextBase };
  }
  const set = ctx.route.setForType(nav.target);
  if (!set) throw bcErrors.resourceNotFound(nav.name);
  const scope = ctx.route.isCompanyScoped(set.name) ? entity.scope : "";
  const parent: ParentLink = { nav, row: entity.row };
  const collection: CollectionTarget = { kind: "collection", set, type: ctx.route.typeOf(set), scope, parent, contextPath: contextBase };
  if (nav.collection) return collection;
  const row =
    candidateRows(ctx, set, scope, parent)[0] ??
    ensureContainedRecord(ctx, pdfDocumentRule, set, scope, entity.set, entity.row) ??
    ensureContainedRecord(ctx, pictureRule, set, scope, entity.set, entity.row);
  if (!row || nav.constraints.length === 0) throw new BcError(404, "BadRequest_NotFound", `The navigation property '${nav.name}' has no related entity.`);
  return { kind: "entity", set, type: collection.type, scope, row, parent, contextPath: contextBase };
}
