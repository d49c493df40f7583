import type { BcRequest } from "../http/bc-request.js";
import { BcError, bcErrors } from "../http/bc-error.js";
import { emptyResponse, jsonResponse, rawResponse, type BcResponse } from "../http/bc-response.js";
import type { StoredEntity } from "../store/entity-store.js";
import { applyQuery } from "./apply-query.js";
import { invokeBoundAction } from "./bound-actions.js";
import { readChanges, wantsChangeTracking } from "./change-tracking.js";
import { etagFor } from "./etag.js";
import { serializeEntity } from "./entity-serializer.js";
import type { FilterExpr } from "./filter-ast.js";
import type { ODataContext } from "./odata-context.js";
import { parseQueryOptions, type QueryOptions } from "./query-options.js";
import { candidateRows, entityPath, resolveResource, type CollectionTarget, type EntityTarget } from "./resource-resolver.js";
import { decodeSkipToken, encodeSkipToken } from "./skip-token.js";
import { bodyRequired, createEntity, deleteEntity, updateEntity } from "./write-entity.js";

/** Query string → ordered map of decoded parameters. */
export function queryParameters(url: URL): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of url.searchParams) out.set(k, v);
  return out;
}

function preferences(request: BcRequest): { maxPageSize: number | undefined; noContent: boolean } {
  const prefer = request.headers["prefer"] ?? "";
  const m = /odata\.maxpagesize=(\d+)/i.exec(prefer);
  return { maxPageSize: m ? Number(m[1]) : undefined, noContent: /return[=-](minimal|no-content)/i.test(prefer) };
}

export function parseJsonBody(request: BcRequest): Record<string, unknown> {
  const contentType = request.headers["content-type"] ?? "";
  if (!request.body || request.body.length === 0) throw bodyRequired();
  if (!/^application\/json/i.test(contentType)) throw new BcError(415, "BadRequest", `The content type '${contentType}' is not supported; use application/json.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body.toString("utf8"));
  } catch {
    throw new BcError(400, "BadRequest", "Invalid Request Body. The body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new BcError(400, "BadRequest", "Invalid Request Body. Expected a JSON object.");
  if (Object.keys(parsed).length === 0) throw bodyRequired();
  return parsed as Record<string, unknown>;
}

/** `If-Match` check (§5.1): `*` or the current ETag; a different tag → 409 Request_EntityChanged. */
export function checkIfMatch(request: BcRequest, target: EntityTarget, required: boolean): void {
  const ifMatch = request.headers["if-match"];
  if (ifMatch === undefined || ifMatch.trim() === "") {
    if (required) throw bcErrors.invalidToken();
    return;
  }
  if (ifMatch.trim() === "*") return;
  const current = etagFor(target.set.name, target.row.key, target.row.rowVersion);
  const offered = ifMatch.split(",").map((t) => t.trim());
  if (offered.includes(current)) return;
  if (!offered.every((t) => /^(W\/)?"[^"]*"$/.test(t))) throw bcErrors.invalidToken();
  throw bcErrors.entityChanged();
}

/** BC refuses to list document lines without their parent (§5.3, §11.5). */
function requireParentFilter(ctx: ODataContext, target: CollectionTarget, filter: FilterExpr | undefined): void {
  const property = ctx.settings.linesRequireParent[target.set.name];
  if (!property || target.parent) return;
  const has = (e: FilterExpr | undefined): boolean =>
    e !== undefined &&
    ((e.kind === "compare" && e.op === "eq" && ((e.left.kind === "property" && e.left.name === property) || (e.right.kind === "property" && e.right.name === property))) ||
      (e.kind === "and" && (has(e.left) || has(e.right))));
  if (!has(filter)) {
    const what = property === "documentId" ? "document id" : "parent id";
    throw new BcError(400, "Application_DialogException", `You must specify a ${what} to get the lines.`);
  }
}

function entityResponse(ctx: ODataContext, target: EntityTarget | { set: EntityTarget["set"]; scope: string; contextPath: string }, row: StoredEntity, options: QueryOptions, status: number, extra: Record<string, string> = {}): BcResponse {
  const body = { "@odata.context": `${ctx.serviceRoot}/$metadata#${target.contextPath}/$entity`, ...serializeEntity(ctx, target.set, target.scope, row, options) };
  const headers: Record<string, string> = { ...extra };
  if (ctx.settings.etagHeader) headers["etag"] = etagFor(target.set.name, row.key, row.rowVersion);
  return jsonResponse(status, body, headers);
}

/** One OData operation on an entity set path (everything below the route root except `$metadata`/`$batch`). */
export function handleODataRequest(ctx: ODataContext, request: BcRequest, segments: readonly string[]): BcResponse {
  const params = queryParameters(request.url);
  const target = resolveResource(ctx, segments);
  const method = request.method.toUpperCase();
  // §5.1: ReadOnly intent is for GET only.
  if (method !== "GET" && /^readonly$/i.test(request.headers["data-access-intent"] ?? "")) {
    throw new BcError(400, "BadRequest_InvalidOperation", `The 'Data-Access-Intent: ReadOnly' header is not allowed for '${method}' requests; use ReadWrite.`);
  }
  switch (target.kind) {
    case "collection": {
      if (method === "POST") {
        const row = createEntity(ctx, target.set, target.scope, parseJsonBody(request), target.parent);
        const location = `${ctx.serviceRoot}/${entityPath(ctx, target.set, target.scope, row)}`;
        if (preferences(request).noContent) return emptyResponse(204, { location, "preference-applied": "return=minimal" });
        return entityResponse(ctx, target, row, parseQueryOptions(params, ctx.settings), 201, { location });
      }
      if (method !== "GET") throw new BcError(405, "BadRequest_MethodNotAllowed", `'${method}' requests for '${target.set.name}' of EdmType 'EntitySet' are not allowed within Microsoft Dynamics 365 Business Central OData web services.`);
      if (wantsChangeTracking(ctx, request, target, params)) return readChanges(ctx, request, target, params);
      return readCollection(ctx, request, target, params);
    }
    case "count": {
      if (method !== "GET") throw new BcError(405, "BadRequest_MethodNotAllowed", `'${method}' requests for '$count' are not allowed.`);
      const options = parseQueryOptions(params, ctx.settings);
      requireParentFilter(ctx, target.collection, options.filter);
      const rows = candidateRows(ctx, target.collection.set, target.collection.scope, target.collection.parent);
      const { count } = applyQuery(ctx, target.collection.type, rows, { ...options, top: undefined, skip: undefined }, Number.POSITIVE_INFINITY, 0);
      return rawResponse(200, "text/plain", String(count));
    }
    case "entity": {
      switch (method) {
        case "GET":
          return entityResponse(ctx, target, target.row, parseQueryOptions(params, ctx.settings), 200);
        case "PATCH":
        case "MERGE": {
          if (!target.set.capabilities.updatable) throw bcErrors.methodNotAllowed("PATCH", target.set.name);
          checkIfMatch(request, target, true);
          const row = updateEntity(ctx, target.set, target.scope, target.row, parseJsonBody(request));
          if (preferences(request).noContent) return emptyResponse(204, { "preference-applied": "return=minimal" });
          return entityResponse(ctx, target, row, parseQueryOptions(params, ctx.settings), 200);
        }
        case "DELETE":
          if (!target.set.capabilities.deletable) throw bcErrors.methodNotAllowed("DELETE", target.set.name);
          checkIfMatch(request, target, false);
          deleteEntity(ctx, target.set, target.scope, target.row);
          return emptyResponse(204);
        default:
          throw bcErrors.methodNotAllowed(method, target.set.name);
      }
    }
    case "action": {
      if (method !== "POST") throw new BcError(405, "BadRequest_MethodNotAllowed", `'${method}' requests for the action '${target.action.name}' are not allowed.`);
      // ETag is compared only when supplied (§5.4).
      checkIfMatch(request, target.entity, false);
      invokeBoundAction(ctx, target.entity, target.action.name);
      return emptyResponse(204);
    }
    case "stream": {
      const { entity, property } = target;
      if (method === "GET") {
        const stored = entity.row.values[property.name];
        if (typeof stored !== "string" || stored.length === 0) return emptyResponse(204);
        return rawResponse(200, "application/octet-stream", Buffer.from(stored, "base64"));
      }
      if (method === "PATCH" || method === "PUT") {
        // Raw bytes + If-Match (§5.5); answers 204.
        if (!entity.set.capabilities.updatable) throw bcErrors.methodNotAllowed(method, entity.set.name);
        checkIfMatch(request, entity, true);
        const bytes = request.body ?? Buffer.alloc(0);
        const values: Record<string, unknown> = { ...entity.row.values, [property.name]: bytes.toString("base64") };
        if (entity.type.properties.get("byteSize")?.type.name === "Edm.Int32") values["byteSize"] = bytes.length;
        ctx.store.put(entity.scope, entity.set.name, entity.row.key, values);
        return emptyResponse(204);
      }
      throw new BcError(405, "BadRequest_MethodNotAllowed", `'${method}' requests for the stream '${property.name}' are not allowed.`);
    }
  }
}

function readCollection(ctx: ODataContext, request: BcRequest, target: CollectionTarget, params: Map<string, string>): BcResponse {
  const options = parseQueryOptions(params, ctx.settings);
  requireParentFilter(ctx, target, options.filter);
  const { maxPageSize } = preferences(request);
  const pageSize = Math.max(1, Math.min(maxPageSize ?? ctx.settings.maxPageSize, ctx.settings.maxPageSize));
  const token = params.get("$skiptoken");
  const offset = token === undefined ? 0 : decodeSkipToken(token);
  const rows = candidateRows(ctx, target.set, target.scope, target.parent);
  const result = applyQuery(ctx, target.type, rows, options, pageSize, offset);
  const select = options.select && options.select.length > 0 ? `(${options.select.join(",")})` : "";
  const body: Record<string, unknown> = { "@odata.context": `${ctx.serviceRoot}/$metadata#${target.contextPath}${select}` };
  if (options.count) body["@odata.count"] = result.count;
  body["value"] = result.page.map((r) => serializeEntity(ctx, target.set, target.scope, r, options));
  if (result.nextOffset !== undefined) {
    // Keep the client's query text as written; only the token changes between pages.
    const kept = request.url.search.replace(/^\?/, "").split("&").filter((p) => p !== "" && !/^(\$|%24)skiptoken=/i.test(p));
    kept.push(`$skiptoken=${encodeSkipToken(result.nextOffset)}`);
    body["@odata.nextLink"] = `${request.url.origin}${request.url.pathname}?${kept.join("&")}`;
  }
  const headers: Record<string, string> = maxPageSize !== undefined ? { "preference-applied": `odata.maxpagesize=${pageSize}` } : {};
  return jsonResponse(200, body, headers);
}
