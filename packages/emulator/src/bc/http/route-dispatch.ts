import type { ODataContext } from "../odata/odata-context.js";
import { handleBatch } from "../odata/handle-batch.js";
import { handleODataRequest } from "../odata/handle-odata-request.js";
import { BcError } from "./bc-error.js";
import type { BcRequest } from "./bc-request.js";
import { jsonResponse, rawResponse, type BcResponse } from "./bc-response.js";

/** Route root (service document), `$metadata` (byte-for-byte, §2.1) and resource paths. */
export function dispatchRouteRequest(ctx: ODataContext, request: BcRequest, segments: readonly string[]): BcResponse {
  if (segments.length === 0) {
    if (request.method !== "GET") throw new BcError(405, "BadRequest_MethodNotAllowed", `'${request.method}' requests for the service document are not allowed.`);
    const value = [...ctx.route.model.entitySets.values()].map((s) => ({ name: s.name, kind: "EntitySet", url: s.name }));
    return jsonResponse(200, { "@odata.context": `${ctx.serviceRoot}/$metadata`, value });
  }
  if (segments.length === 1 && segments[0] === "$metadata") {
    if (request.method !== "GET") throw new BcError(405, "BadRequest_MethodNotAllowed", `'${request.method}' requests for '$metadata' are not allowed.`);
    return rawResponse(200, "application/xml", ctx.route.model.document, { "odata-version": "4.0" });
  }
  if (segments.length === 1 && segments[0] === "$batch") {
    return handleBatch(ctx, request, handleODataRequest, { maxOperations: ctx.settings.maxBatchOperations });
  }
  return handleODataRequest(ctx, request, segments);
}
