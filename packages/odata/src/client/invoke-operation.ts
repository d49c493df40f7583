import type { OperationDescriptor } from "../model/descriptors.js";
import type { RequestExecutor } from "./request-executor.js";
import type { ValueCodec } from "../values/value-codec.js";
import type { RequestOptions } from "./request-options.js";

/**
 * Calls a bound or unbound action: POST with the parameters as JSON (no body when there are none).
 * Resolves to undefined for 204 / no ReturnType, to `value` for primitive or collection results, else to the body.
 *
 * @example
 * await invokeOperation(executor, undefined, "https://…/salesOrders(…)/Microsoft.NAV.shipAndInvoice", shipAndInvoice, undefined, undefined)
 * // POST …/salesOrders(…)/Microsoft.NAV.shipAndInvoice → 204 → undefined
 */
export async function invokeOperation(
  executor: RequestExecutor,
  codec: ValueCodec | undefined,
  url: string,
  operation: OperationDescriptor,
  params: object | undefined,
  options: (RequestOptions & { etag?: string; ifMatch?: "*" }) | undefined,
): Promise<unknown> {
  const { method, headers, body } = operationRequest(operation, codec, params, options);
  const parse = codec?.parseAs === "text" ? codec.parse : undefined;
  const { data } = await executor.send({ method, url, headers, body, parse }, options);
  return operationResult(operation, codec, data);
}

/**
 * Method, headers and JSON body of an operation call, in or outside `$batch`: functions are GET,
 * actions POST with their parameters (none: no body); If-Match from `etag`/`ifMatch`.
 */
export function operationRequest(
  operation: OperationDescriptor,
  codec: ValueCodec | undefined,
  params: object | undefined,
  options: { readonly etag?: string; readonly ifMatch?: "*" } | undefined,
): { readonly method: "GET" | "POST"; readonly headers: Record<string, string>; readonly body: string | undefined } {
  const headers: Record<string, string> = {};
  const ifMatch = options?.ifMatch ?? options?.etag;
  if (ifMatch !== undefined) headers["If-Match"] = ifMatch;
  const hasBody = params !== undefined && Object.keys(params).length > 0;
  if (hasBody) headers["Content-Type"] = "application/json";
  const method = operation.kind === "function" ? "GET" : "POST";
  const body = hasBody && method === "POST" ? (codec === undefined ? JSON.stringify(params) : codec.writeParams(operation.parameters, params)) : undefined;
  return { method, headers, body };
}

/**
 * What an operation's answer body means: undefined without ReturnType (or 204), `value` of a
 * primitive or collection result, else the body. Shared by `invoke`, bound actions and `$batch`.
 */
export function operationResult(operation: OperationDescriptor, codec: ValueCodec | undefined, data: unknown): unknown {
  if (operation.returns === null || data === undefined) return undefined;
  const result = operation.returns !== "complex" && data !== null && typeof data === "object" && "value" in data ? (data as { value: unknown }).value : data;
  // Complex and collection results carry no type name in the descriptor: their numbers become plain, nothing else converts.
  return codec === undefined ? result : codec.readKind(operation.returns, result);
}
