import { randomUUID } from "node:crypto";
import { BcError, withCorrelationId } from "../http/bc-error.js";
import type { BcRequest } from "../http/bc-request.js";
import { jsonResponse, type BcResponse } from "../http/bc-response.js";
import { errorResponse } from "../http/error-response.js";
import type { ODataContext } from "./odata-context.js";
import { parseMultipartBatch } from "./parse-multipart-batch.js";

/** One operation of a JSON `$batch` request (§6). */
interface BatchOperation {
  readonly id: string | null;
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly atomicityGroup: string | undefined;
  readonly dependsOn: readonly string[];
}

export interface BatchSettings {
  /** §6/§7: 100 operations per batch. */
  readonly maxOperations: number;
}

/** Runs one inner request against the route (path relative to the service root, percent-decoded segments). */
export type BatchDispatch = (ctx: ODataContext, request: BcRequest, segments: readonly string[]) => BcResponse;

function parseOperations(request: BcRequest): BatchOperation[] {
  const contentType = request.headers["content-type"] ?? "";
  if (/^multipart\/mixed/i.test(contentType)) return parseMultipartBatch((request.body ?? Buffer.alloc(0)).toString("utf8"), contentType);
  let parsed: unknown;
  try {
    parsed = JSON.parse((request.body ?? Buffer.alloc(0)).toString("utf8"));
  } catch {
    throw new BcError(400, "BadRequest", "Invalid Request Body. The batch body is not valid JSON.");
  }
  const requests = (parsed as { requests?: unknown }).requests;
  if (!Array.isArray(requests)) throw new BcError(400, "BadRequest", "Invalid Request Body. Expected {\"requests\": [...]}.");
  return requests.map((r: Record<string, unknown>) => {
    if (typeof r["method"] !== "string" || typeof r["url"] !== "string") throw new BcError(400, "BadRequest", "Each batch request needs a method and a url.");
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((r["headers"] as Record<string, unknown>) ?? {})) headers[k.toLowerCase()] = String(v);
    return {
      id: typeof r["id"] === "string" ? r["id"] : null,
      method: r["method"].toUpperCase(),
      url: r["url"],
      headers,
      body: r["body"],
      atomicityGroup: typeof r["atomicityGroup"] === "string" ? r["atomicityGroup"] : undefined,
      dependsOn: Array.isArray(r["dependsOn"]) ? (r["dependsOn"] as unknown[]).map(String) : [],
    };
  });
}

/**
 * JSON `$batch` (§6). Without `Isolation: snapshot` each operation commits on its own. With it, the
 * whole batch is one transaction: the first failing operation rolls everything back, the response
 * stops at that operation, and the operations before it still report their original statuses
 * (201 with ids that no longer exist), as observed on real BC (§6, §11.6).
 */
export function handleBatch(ctx: ODataContext, request: BcRequest, dispatch: BatchDispatch, settings: BatchSettings): BcResponse {
  if (request.method !== "POST") throw new BcError(405, "BadRequest_MethodNotAllowed", `'${request.method}' requests for '$batch' are not allowed.`);
  const operations = parseOperations(request);
  if (operations.length > settings.maxOperations) {
    throw new BcError(500, "Unknown", `The current batch message contains too many operations. A maximum number of '${settings.maxOperations}' query operations and change sets are allowed in a batch message.`);
  }
  const snapshot = /^snapshot$/i.test(request.headers["isolation"] ?? "");
  const batchGroup = randomUUID();
  const results: Record<string, unknown>[] = [];
  const failedIds = new Set<string>();

  const runOne = (op: BatchOperation): BcResponse => {
    if (op.dependsOn.some((d) => failedIds.has(d))) {
      return jsonResponse(424, { error: { code: "BadRequest", message: withCorrelationId("A request this operation depends on failed.", randomUUID()) } });
    }
    const url = new URL(op.url, `${ctx.serviceRoot}/`);
    const rootPath = new URL(`${ctx.serviceRoot}/`).pathname;
    if (!url.pathname.startsWith(rootPath) && url.pathname !== rootPath.slice(0, -1)) throw new BcError(400, "BadRequest_InvalidRequestUrl", `The batch operation URL '${op.url}' is not under this service root.`);
    const segments = url.pathname.slice(rootPath.length).split("/").filter((s) => s !== "").map((s) => decodeURIComponent(s));
    if (segments[0] === "$batch") throw new BcError(400, "BadRequest", "A batch cannot contain another batch.");
    const body = op.body === undefined || op.body === null ? undefined : Buffer.from(typeof op.body === "string" ? op.body : JSON.stringify(op.body));
    const headers = { ...op.headers, "content-type": op.headers["content-type"] ?? (body ? "application/json" : undefined) };
    // Inside a batch the company may come from a `Company` header (company name, §2.1).
    const innerCtx: ODataContext = { ...ctx, companyHint: url.searchParams.get("company") ?? op.headers["company"] ?? ctx.companyHint };
    return dispatch(innerCtx, { method: op.method, url, headers, body }, segments);
  };

  const record = (op: BatchOperation, response: BcResponse): void => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(response.headers)) headers[k.toLowerCase()] = v;
    const body = response.body.kind === "json" ? response.body.value : response.body.kind === "raw" ? String(response.body.data) : undefined;
    results.push({ id: op.id, status: response.status, headers, ...(body === undefined ? {} : { body }), atomicityGroup: op.atomicityGroup ?? batchGroup });
    if (response.status >= 400 && op.id) failedIds.add(op.id);
  };

  const attempt = (op: BatchOperation): BcResponse => {
    try {
      return runOne(op);
    } catch (error) {
      return errorResponse(error, randomUUID());
    }
  };

  if (!snapshot) {
    for (const op of operations) record(op, attempt(op));
  } else {
    class RolledBack extends Error {}
    try {
      ctx.store.transaction(() => {
        for (const op of operations) {
          const response = attempt(op);
          record(op, response);
          if (response.status >= 400) throw new RolledBack();
        }
      });
    } catch (error) {
      if (!(error instanceof RolledBack)) throw error;
    }
  }
  return jsonResponse(200, { responses: results });
}
