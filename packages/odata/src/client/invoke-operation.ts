import type { OperationDescriptor } from "../model/descriptors.js";
import { ODataQueryError } from "../errors/odata-query-error.js";
import { encodeLiteral } from "../query/encode-literal.js";
import { encodePathLiteral } from "../query/encode-key.js";
import { encodeQueryValue } from "../query/serialize-query.js";
import type { RequestExecutor } from "./request-executor.js";
import type { ValueCodec } from "../values/value-codec.js";
import type { RequestOptions } from "./request-options.js";

/**
 * Calls a bound or unbound operation: an action is a POST with the parameters as JSON (no body when
 * there are none), a function a GET with its parameters in the URL (`operationUrl`).
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
  const { data } = await executor.send({ method, url: operationUrl(url, operation, params), headers, body, parse }, options);
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
  const method = operation.kind === "function" ? "GET" : "POST";
  const hasBody = method === "POST" && params !== undefined && Object.keys(params).length > 0;
  if (hasBody) headers["Content-Type"] = "application/json";
  const body = hasBody ? (codec === undefined ? JSON.stringify(params) : codec.writeParams(operation.parameters, params)) : undefined;
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

const PARAMETER_NAME = /^[\p{L}_][\p{L}\p{N}_]{0,127}$/u;

/**
 * The URL of one operation call. Actions: unchanged (their parameters travel in the body). Functions:
 * the parameters per the OData URL conventions (V4.01 Part 2 §4.6 / §5.1.1.13.1 parameter aliases) —
 * primitive and enum values inline, typed by the descriptor; complex and collection values as
 * parameter aliases with a JSON value; `()` when there are none (the parentheses are required).
 *
 * @example
 * operationUrl("…/ODataV4/Fn?company=CRONUS", fn, { p: 1, q: "O'Neil & Co" })   // …/ODataV4/Fn(p=1,q='O''Neil%20%26%20Co')?company=CRONUS
 * operationUrl("…/items(…)/Microsoft.NAV.fn", fn, { ids: [1, 2] })              // …/Microsoft.NAV.fn(ids=@ids)?@ids=[1,2]
 */
export function operationUrl(url: string, operation: OperationDescriptor, params: object | undefined): string {
  if (operation.kind !== "function") return url;
  const inline: string[] = [];
  const aliases: string[] = [];
  for (const [name, value] of Object.entries(params ?? {})) {
    if (value === undefined) continue;
    const kind = Object.hasOwn(operation.parameters, name) ? operation.parameters[name] : undefined;
    if (kind === undefined || !PARAMETER_NAME.test(name)) {
      throw new ODataQueryError(`Function ${operation.name} has no parameter "${name}".`, `Pass only: ${Object.keys(operation.parameters).join(", ") || "(none)"}.`);
    }
    if (kind === "complex" || kind === "collection") {
      inline.push(`${name}=@${name}`);
      aliases.push(`@${name}=${encodeQueryValue(jsonOf(value, name))}`);
    } else {
      inline.push(`${name}=${encodePathLiteral(encodeLiteral(kind, value, name))}`);
    }
  }
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  const query = [...(q < 0 ? [] : [url.slice(q + 1)]), ...aliases].join("&");
  return `${path}(${inline.join(",")})${query === "" ? "" : `?${query}`}`;
}

function jsonOf(value: unknown, name: string): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    throw new ODataQueryError(`Function parameter "${name}" cannot be written as JSON (${(error as Error).message}).`, "Pass plain objects, arrays, strings, numbers and booleans.");
  }
}
