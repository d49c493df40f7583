import { dialectOf, type EntitySetDescriptor, type EntityTypeDescriptor, type OperationDescriptor, type RouteDescriptor, type RouteDialect, type SetScope } from "../model/descriptors.js";
import { createODataError } from "../errors/create-odata-error.js";
import { ODataBatchError } from "../errors/odata-batch-error.js";
import type { ODataError } from "../errors/odata-error.js";
import { ODataQueryError } from "../errors/odata-query-error.js";
import { encodeKey } from "../query/encode-key.js";
import { toQueryNode, type RuntimeQueryOptions } from "../query/to-query-node.js";
import { withQuery } from "../client/read-helpers.js";
import type { RequestExecutor } from "../client/request-executor.js";
import { operationRequest, operationResult, operationUrl } from "../client/invoke-operation.js";
import { LosslessNumber } from "../values/lossless-json.js";
import type { ValueCodec } from "../values/value-codec.js";
import { BatchOperation, MAX_BATCH_OPERATIONS, type BatchConcurrency, type BatchOptions, type BatchSettledResult } from "./batch-types.js";


interface InnerResponse {
  readonly id?: string | null;
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

/**
 * Builds the operations with a recording builder, sends them as JSON `$batch` and decodes the answers.
 * Answers are matched by `id`, then by position (BC may answer out of order or with `id: null`).
 */
export async function runBatch(
  executor: RequestExecutor,
  route: RouteDescriptor,
  scope: SetScope,
  prefix: string,
  build: (b: Record<string, unknown>) => readonly BatchOperation<unknown>[],
  options: BatchOptions | undefined,
): Promise<unknown[]> {
  const operations = build(batchBuilder(route, scope, prefix));
  const codec = route.codec;
  const atomic = options?.atomic === true;
  if (operations.length === 0) return [];
  if (atomic && operations.length > MAX_BATCH_OPERATIONS) {
    throw new ODataQueryError(`An atomic batch holds at most ${MAX_BATCH_OPERATIONS} operations; got ${operations.length}.`, "Split the work into several atomic batches, or send it with { atomic: false } (split automatically).");
  }
  const settled: BatchSettledResult<unknown>[] = [];
  let clientRequestId: string | undefined; // of the (single) atomic chunk, for ODataBatchError
  const sendOptions: BatchOptions = { ...options, onResponse: (info) => ((clientRequestId = info.clientRequestId), options?.onResponse?.(info)) };
  for (let start = 0; start < operations.length; start += MAX_BATCH_OPERATIONS) {
    settled.push(...(await sendChunk(executor, codec, operations.slice(start, start + MAX_BATCH_OPERATIONS), atomic ? dialectOf(route) : undefined, sendOptions)));
  }
  if (!atomic) return settled;
  const failures = settled.flatMap((r, index) => (r.ok || r.status === 0 ? [] : [{ index, error: r.error }]));
  const missing = settled.flatMap((r, index) => (!r.ok && r.status === 0 ? [index] : []));
  if (failures.length > 0 || missing.length > 0) throw new ODataBatchError(failures, missing, operations.length, { method: "POST", url: `${executor.serviceRoot}/$batch`, clientRequestId });
  return settled.map((r) => (r as { value: unknown }).value);
}

async function sendChunk(
  executor: RequestExecutor,
  codec: ValueCodec | undefined,
  operations: readonly BatchOperation<unknown>[],
  /** The route's dialect when the chunk is atomic (it decides how atomicity is asked for); undefined otherwise. */
  atomic: RouteDialect | undefined,
  options: BatchOptions | undefined,
): Promise<BatchSettledResult<unknown>[]> {
  // Standard OData asks for all-or-nothing per request (`atomicityGroup`); BC by a header on the whole batch.
  const group = atomic === "odata" ? { atomicityGroup: "g1" } : {};
  const requests = operations.map((op, i) => ({ id: String(i + 1), ...group, method: op.request.method, url: op.request.url, headers: lowerCaseNames(op.request.headers) }));
  // Written by hand so that bodies the route's codec wrote (decimals as verbatim numbers) go in as they are.
  const requestTexts = requests.map((request, i) => {
    const body = operations[i]!.request.body;
    const head = JSON.stringify(request);
    return body === undefined ? head : `${head.slice(0, -1)},"body":${body instanceof JsonText ? body.text : JSON.stringify(body)}}`;
  });
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (atomic === "business-central") headers["Isolation"] = "snapshot";
  const url = `${executor.serviceRoot}/$batch`;
  const parse = codec?.parseAs === "text" ? codec.parse : undefined;
  const { data } = await executor.send({ method: "POST", url, headers, body: `{"requests":[${requestTexts.join(",")}]}`, parse, expect: "batch" }, options);
  const responses = ((data as { responses?: InnerResponse[] } | undefined)?.responses ?? []).map((r) => plainEnvelope(r, codec));
  const byId = new Map(responses.filter((r) => r.id != null).map((r) => [String(r.id), r]));
  const unmatched = responses.filter((r) => r.id == null || !requests.some((q) => q.id === String(r.id)));
  return operations.map((op, i): BatchSettledResult<unknown> => {
    const response = byId.get(String(i + 1)) ?? unmatched.shift();
    if (response === undefined) {
      return { ok: false, status: 0, error: missingError(op, url, atomic !== undefined) };
    }
    const innerHeaders = response.headers ?? {};
    if (response.status >= 400) {
      // BC refused this operation (and in an atomic batch rolled back all): it changed nothing.
      const outcome = op.request.method === "GET" ? undefined : "not-applied";
      const error = createODataError({ status: response.status, method: op.request.method, url: `${executor.serviceRoot}/${op.request.url}`, headers: new Headers(innerHeaders), body: response.body, outcome });
      return { ok: false, status: response.status, error };
    }
    return { ok: true, status: response.status, value: op.decode(response.body), headers: innerHeaders };
  });
}

/** The JSON batch format spells inner header names in lower case (servers may ignore others, e.g. If-Match). */
function lowerCaseNames(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/** Read losslessly, an answer's status is a `LosslessNumber`; its body is left to the operation's decoder. */
function plainEnvelope(response: InnerResponse, codec: ValueCodec | undefined): InnerResponse {
  if (codec?.parseAs !== "text") return response;
  const raw = response.status as unknown;
  const status = raw instanceof LosslessNumber ? Number(raw.text) : response.status;
  const body = status >= 400 ? codec.plain(response.body) : response.body;
  return { ...response, status, headers: codec.plain(response.headers) as InnerResponse["headers"], body };
}

/** A request body already written as JSON text by a route's value codec. */
class JsonText {
  constructor(readonly text: string) {}
}

function missingError(op: BatchOperation<unknown>, url: string, atomic: boolean): ODataError {
  // An atomic batch that failed rolled back everything; otherwise whether BC ran an unanswered operation is not documented.
  const outcome = op.request.method === "GET" ? undefined : atomic ? "not-applied" : "unknown";
  return createODataError({ status: 0, method: op.request.method, url: op.request.url, headers: new Headers(), body: { error: { code: "Batch_NoResponse", message: `${url} returned no response for this operation (BC stops at the first failure).` } }, outcome });
}

function batchBuilder(route: RouteDescriptor, scope: SetScope, prefix: string): Record<string, unknown> {
  const builder: Record<string, unknown> = {};
  for (const [key, set] of Object.entries(route.sets)) {
    if (set.scope !== scope) continue;
    Object.defineProperty(builder, key, { enumerable: true, get: () => batchSet(set, prefix === "" ? set.name : `${prefix}/${set.name}`) });
  }
  return builder;
}

const json = { "Content-Type": "application/json" };

function batchSet(set: EntitySetDescriptor, path: string) {
  const codec = set.type.registry.codec;
  return {
    create: (body: object) => new BatchOperation({ method: "POST", url: path, headers: json, body: bodyOf(set.type, body) }, readerOf(set.type)),
    list: (options?: RuntimeQueryOptions) =>
      new BatchOperation({ method: "GET", url: withQuery(path, toQueryNode(set.type, options)), headers: {}, body: undefined }, (body) => {
        const value = (body as { value?: unknown[] }).value ?? [];
        return codec === undefined ? value : codec.read(set.type.name, value);
      }),
    byId: (key: unknown) => batchEntity(set.type, `${path}${encodeKey(set.type, key)}`),
  };
}

const ENTITY_MEMBERS = new Set(["get", "update", "delete"]);

function batchEntity(type: EntityTypeDescriptor, path: string) {
  const entity: Record<string, unknown> = {};
  for (const [name, operation] of Object.entries(type.actions)) {
    if (ENTITY_MEMBERS.has(name)) continue;
    entity[name] = (params?: object, options?: { etag?: string; ifMatch?: "*" }) => batchAction(type, `${path}/${operation.name}`, operation, params, options);
  }
  return Object.assign(entity, {
    get: (options?: Pick<RuntimeQueryOptions, "select" | "expand">) => new BatchOperation({ method: "GET", url: withQuery(path, toQueryNode(type, options)), headers: {}, body: undefined }, readerOf(type)),
    update: (patch: object, options?: BatchConcurrency) => new BatchOperation({ method: "PATCH", url: path, headers: { ...json, ...ifMatch(type, options) }, body: bodyOf(type, patch) }, readerOf(type)),
    delete: (options?: BatchConcurrency) => new BatchOperation({ method: "DELETE", url: path, headers: ifMatch(type, options), body: undefined }, () => undefined),
  });
}

/** A bound action as a batch operation: the same request and result rules as `invoke`. */
function batchAction(type: EntityTypeDescriptor, url: string, operation: OperationDescriptor, params: object | undefined, options: { etag?: string; ifMatch?: "*" } | undefined) {
  const codec = type.registry.codec;
  const { method, headers, body } = operationRequest(operation, codec, params, options);
  return new BatchOperation({ method, url: operationUrl(url, operation, params), headers, body: body === undefined ? undefined : new JsonText(body) }, (answer) => operationResult(operation, codec, answer));
}

function bodyOf(type: EntityTypeDescriptor, body: object): unknown {
  const codec = type.registry.codec;
  return codec === undefined ? body : new JsonText(codec.write(type.name, body));
}

function readerOf(type: EntityTypeDescriptor): (body: unknown) => unknown {
  const codec = type.registry.codec;
  return codec === undefined ? (body) => body : (body) => (body === undefined ? body : codec.read(type.name, body));
}

/** If-Match of a write in a batch; none needed for a type without `Core.OptimisticConcurrency` (`optimisticConcurrency: false`). */
function ifMatch(type: EntityTypeDescriptor, options: BatchConcurrency | undefined): Record<string, string> {
  const value = options === undefined ? undefined : "ifMatch" in options ? options.ifMatch : "etag" in options ? options.etag : options.entity["@odata.etag"];
  if (value !== undefined) return { "If-Match": value };
  if (type.optimisticConcurrency === false) return {};
  throw new ODataQueryError("A write in a batch needs its ETag up front.", 'Pass { etag }, { entity } (with @odata.etag) or { ifMatch: "*" }.');
}
