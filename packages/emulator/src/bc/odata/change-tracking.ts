import type { BcRequest } from "../http/bc-request.js";
import { BcError, bcErrors } from "../http/bc-error.js";
import { jsonResponse, type BcResponse } from "../http/bc-response.js";
import type { StoredEntity } from "../store/entity-store.js";
import { applyQuery } from "./apply-query.js";
import { serializeEntity } from "./entity-serializer.js";
import type { ODataContext } from "./odata-context.js";
import { parseQueryOptions } from "./query-options.js";
import type { CollectionTarget } from "./resource-resolver.js";
import { candidateRows } from "./resource-resolver.js";

/**
 * Delta links on a collection (docs/delta-sync.md):
 *
 *   GET …/companies(…)/customers            Prefer: odata.track-changes
 *   → 200 Preference-Applied: odata.track-changes, value = every row, last page "@odata.deltaLink": "…/customers?$deltatoken=…"
 *   GET …/customers?$deltatoken=…
 *   → rows changed since (current values) and deleted ones as
 *     {"@odata.context": "…/$metadata#companies(…)/customers/$deletedEntity", "id": "…", "reason": "deleted"}
 *     then a new "@odata.deltaLink"; an expired or foreign token → 410 Gone with a Location to re-baseline.
 *
 * Each round covers row versions (since, upTo], fixed when the round starts, and pages by version
 * (keyset), so a row changed while the client pages moves past upTo and arrives in the next round
 * instead of shifting the pages of this one.
 */
export function wantsChangeTracking(ctx: ODataContext, request: BcRequest, target: CollectionTarget, params: Map<string, string>): boolean {
  if (!ctx.settings.changeTracking.enabled || ctx.settings.changeTracking.untrackedSets.has(target.set.name)) return false;
  return params.has("$deltatoken") || /odata\.track-changes/i.test(request.headers["prefer"] ?? "");
}

interface DeltaToken {
  /** Store instance (tombstones are not persisted: a restarted server cannot answer older links). */
  readonly e: string;
  readonly s: number;
  readonly u: number;
  /** Last version already sent in this round (continuation pages). */
  readonly a: number;
  /** When the link was handed out (retention). */
  readonly t: number;
  readonly k: "delta" | "page";
}

const encode = (t: DeltaToken): string => Buffer.from(JSON.stringify(t), "utf8").toString("base64url");

function decode(text: string): DeltaToken {
  try {
    const t = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as Partial<DeltaToken>;
    if (typeof t.e === "string" && typeof t.s === "number" && typeof t.u === "number" && typeof t.a === "number" && typeof t.t === "number" && (t.k === "delta" || t.k === "page")) return t as DeltaToken;
  } catch {
    // fall through
  }
  throw bcErrors.querySyntax(`The delta token '${text}' is not valid.`);
}

export function readChanges(ctx: ODataContext, request: BcRequest, target: CollectionTarget, params: Map<string, string>): BcResponse {
  const tokenText = params.get("$deltatoken");
  const rest = new Map(params);
  rest.delete("$deltatoken");
  const options = parseQueryOptions(rest, ctx.settings);
  if (options.orderBy.length > 0 || options.top !== undefined || options.skip !== undefined || options.count) {
    throw new BcError(400, "BadRequest_NotSupported", "Change tracking does not support $orderby, $top, $skip or $count; use $filter and $select.");
  }
  const kept = request.url.search.replace(/^\?/, "").split("&").filter((p) => p !== "" && !/^(\$|%24)deltatoken=/i.test(p));
  const linkFor = (t: DeltaToken): string => `${request.url.origin}${request.url.pathname}?${[...kept, `$deltatoken=${encode(t)}`].join("&")}`;
  const now = ctx.clock.now();
  let token: DeltaToken;
  if (tokenText === undefined) token = { e: ctx.store.epoch, s: 0, u: ctx.store.version, a: 0, t: now, k: "page" };
  else {
    const given = decode(tokenText);
    const expired = given.k === "delta" && now - given.t > ctx.settings.changeTracking.retentionMs;
    if (given.e !== ctx.store.epoch || expired) {
      const baseline = `${request.url.origin}${request.url.pathname}${kept.length > 0 ? `?${kept.join("&")}` : ""}`;
      throw new BcError(410, "Gone", "The delta link is no longer valid. Request a new baseline (GET the collection with Prefer: odata.track-changes).", { location: baseline });
    }
    // A delta link starts a new round up to now; a continuation link carries its round.
    token = given.k === "delta" ? { e: given.e, s: given.u, u: ctx.store.version, a: given.u, t: now, k: "page" } : given;
  }
  const inRound = (r: StoredEntity): boolean => r.rowVersion > token.a && r.rowVersion <= token.u;
  const live = candidateRows(ctx, target.set, target.scope, target.parent).filter(inRound);
  const matching = new Set(applyQuery(ctx, target.type, live, { ...options, select: undefined, expand: [] }, Number.POSITIVE_INFINITY, 0).page);
  type Change = { readonly row: StoredEntity; readonly removed: boolean };
  const changes: Change[] = live.map((row) => ({ row, removed: !matching.has(row) }));
  // A baseline lists what is there; later rounds also report rows deleted or no longer matching $filter.
  if (token.s > 0) for (const row of deletedRows(ctx, target).filter(inRound)) changes.push({ row, removed: true });
  const selected = token.s === 0 ? changes.filter((c) => !c.removed) : changes;
  selected.sort((x, y) => x.row.rowVersion - y.row.rowVersion);
  const maxPageSize = /odata\.maxpagesize=(\d+)/i.exec(request.headers["prefer"] ?? "");
  const pageSize = Math.max(1, Math.min(maxPageSize ? Number(maxPageSize[1]) : ctx.settings.maxPageSize, ctx.settings.maxPageSize));
  const page = selected.slice(0, pageSize);
  const select = options.select && options.select.length > 0 ? `(${options.select.join(",")})` : "";
  const body: Record<string, unknown> = {
    "@odata.context": `${ctx.serviceRoot}/$metadata#${target.contextPath}${select}${token.s > 0 ? "/$delta" : ""}`,
    value: page.map((c) =>
      c.removed
        ? { "@odata.context": `${ctx.serviceRoot}/$metadata#${target.contextPath}/$deletedEntity`, id: c.row.values["id"] ?? c.row.key, reason: "deleted" }
        : serializeEntity(ctx, target.set, target.scope, c.row, options),
    ),
  };
  if (selected.length > pageSize) body["@odata.nextLink"] = linkFor({ ...token, a: page[page.length - 1]!.row.rowVersion });
  else body["@odata.deltaLink"] = linkFor({ e: token.e, s: token.s, u: token.u, a: token.u, t: now, k: "delta" });
  const applied = maxPageSize ? `odata.track-changes, odata.maxpagesize=${pageSize}` : "odata.track-changes";
  return jsonResponse(200, body, { "preference-applied": applied });
}

function deletedRows(ctx: ODataContext, target: CollectionTarget): StoredEntity[] {
  const rows = ctx.store.deleted(target.scope, target.set.name);
  const parent = target.parent;
  if (!parent) return rows;
  return rows.filter((r) => parent.nav.constraints.every((c) => r.values[c.referencedProperty] === parent.row.values[c.property]));
}
