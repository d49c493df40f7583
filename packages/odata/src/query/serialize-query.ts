import { ODataQueryError } from "../errors/odata-query-error.js";
import { encodeLiteral } from "./encode-literal.js";
import type { ExpandNode, FilterNode, QueryNode, ValueNode } from "./nodes.js";

/**
 * The one place where query nodes become text. Exhaustive over every node kind.
 *
 * @example
 * serializeQuery(node) // "$select=number,displayName&$filter=balanceDue gt 0 and startswith(displayName,'Ad')&$orderby=displayName"
 * // (values percent-encoded except for the readable characters $ , : / @ ( ) ' = ;)
 */
export function serializeQuery(node: QueryNode): string {
  return queryOptions(node)
    .map(([name, value]) => `${name}=${encodeOption(name, value)}`)
    .join("&");
}

/**
 * The `$filter` text of one filter node (not URL-encoded), exactly as the node says. Dialect rules
 * (Business Central's limits, `not` push-down) are applied before, by `adaptFilter` in `toQueryNode`.
 */
export function serializeFilter(node: FilterNode): string {
  switch (node.kind) {
    case "compare":
      return `${serializeValue(node.left)} ${node.op} ${encodeLiteral(node.right.edm, node.right.value, propertyOf(node.left))}`;
    case "call":
      return `${node.fn}(${serializeValue(node.target)},${encodeLiteral(node.arg.edm, node.arg.value, propertyOf(node.target))})`;
    case "and":
      return `${group(node.left, "and")} and ${group(node.right, "and")}`;
    case "or":
      return `${group(node.left, "or")} or ${group(node.right, "or")}`;
    case "not":
      return `not (${serializeFilter(node.operand)})`;
    case "raw":
      return node.text;
  }
}

function group(node: FilterNode, parent: "and" | "or"): string {
  const text = serializeFilter(node);
  return (node.kind === "and" || node.kind === "or") && node.kind !== parent ? `(${text})` : node.kind === "raw" ? `(${text})` : text;
}

function serializeValue(node: ValueNode): string {
  switch (node.kind) {
    case "property":
      return node.name;
    case "tolower":
    case "toupper":
      return `${node.kind}(${serializeValue(node.operand)})`;
    case "substring":
      return `substring(${serializeValue(node.operand)},${encodeLiteral("Edm.Int32", node.start, "substring start")}${node.length === undefined ? "" : `,${encodeLiteral("Edm.Int32", node.length, "substring length")}`})`;
  }
}

function propertyOf(node: ValueNode): string {
  return node.kind === "property" ? node.name : propertyOf(node.operand);
}

function queryOptions(node: QueryNode): Array<readonly [string, string]> {
  const options: Array<readonly [string, string]> = [];
  if (node.select !== undefined && node.select.length > 0) options.push(["$select", node.select.join(",")]);
  if (node.filter !== undefined) options.push(["$filter", serializeFilter(node.filter)]);
  if (node.orderBy !== undefined && node.orderBy.length > 0) {
    options.push(["$orderby", node.orderBy.map((o) => (o.direction === "desc" ? `${o.property} desc` : o.property)).join(",")]);
  }
  if (node.top !== undefined) options.push(["$top", String(nonNegative(node.top, "top"))]);
  if (node.skip !== undefined) options.push(["$skip", String(nonNegative(node.skip, "skip"))]);
  if (node.count !== undefined) options.push(["$count", node.count ? "true" : "false"]);
  if (node.expand !== undefined && node.expand.length > 0) options.push(["$expand", node.expand.map(serializeExpand).join(",")]);
  return options;
}

function serializeExpand(node: ExpandNode): string {
  const inner = queryOptions(node.query).map(([name, value]) => `${name}=${value}`);
  return inner.length === 0 ? node.navigation : `${node.navigation}(${inner.join(";")})`;
}

function nonNegative(n: number, what: string): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new ODataQueryError(`Invalid ${what} ${n}.`, `Pass a non-negative integer, e.g. { ${what}: 10 }.`);
  return n;
}

/** `encodeQueryValue`, naming the option when its text cannot be encoded (a lone surrogate, e.g. in a raw filter). */
function encodeOption(name: string, value: string): string {
  try {
    return encodeQueryValue(value);
  } catch (error) {
    if (!(error instanceof URIError)) throw error;
    throw new ODataQueryError(`The ${name} text contains a lone UTF-16 surrogate and cannot be put in a URL.`, "Remove or replace the broken character (String.prototype.toWellFormed()) before building the query.");
  }
}

/** Percent-encodes a query option value, keeping `$ , : / @ ( ) ' = ;` readable. `&`, `#`, `+`, `%` and spaces are always escaped. */
export function encodeQueryValue(value: string): string {
  const encoded = encodeURIComponent(value);
  return encoded.includes("%") ? encoded.replace(READABLE_ESCAPE, (escape) => READABLE[escape]!) : encoded;
}

const READABLE: Readonly<Record<string, string>> = { "%24": "$", "%2C": ",", "%3A": ":", "%2F": "/", "%40": "@", "%3D": "=", "%3B": ";" };
const READABLE_ESCAPE = /%(?:24|2C|3A|2F|40|3D|3B)/g;
