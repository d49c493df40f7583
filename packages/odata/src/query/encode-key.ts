import type { EntityTypeDescriptor } from "../model/descriptors.js";
import { ODataQueryError } from "../errors/odata-query-error.js";
import { encodeLiteral } from "./encode-literal.js";

/**
 * Percent-encodes an OData literal for use inside a path segment: quotes, parentheses and
 * doubled quotes stay readable; spaces, commas, `/`, `?`, `#`, `%`, `&` are escaped.
 *
 * @example
 * encodePathLiteral("'CRONUS USA, Inc.'") // 'CRONUS%20USA%2C%20Inc.'
 */
export function encodePathLiteral(literal: string): string {
  return encodeURIComponent(literal);
}

/**
 * The parenthesised key of one entity, ready to append to its set's path.
 *
 * @example
 * encodeKey(customerType, "5d115c9c-44e3-ea11-bb43-000d3a2feca1") // (5d115c9c-44e3-ea11-bb43-000d3a2feca1)
 * encodeKey(salesOrderV4Type, { Document_Type: "Order", No: "101005" }) // (Document_Type='Order',No='101005')
 * encodeKey(odataV4CustomerType, "O'Neil & Co") // ('O''Neil%20%26%20Co')
 */
export function encodeKey(type: EntityTypeDescriptor, key: unknown): string {
  const names = type.keys;
  if (names.length === 1) {
    const name = names[0]!;
    const value = key !== null && typeof key === "object" && !(key instanceof Date) ? (key as Record<string, unknown>)[name] : key;
    return `(${encodePathLiteral(encodeLiteral(type.properties[name] ?? "Edm.String", value ?? invalidKey(type, key), name))})`;
  }
  if (key === null || typeof key !== "object") return invalidKey(type, key);
  const parts = names.map((name) => {
    const value = (key as Record<string, unknown>)[name];
    if (value === undefined) return invalidKey(type, key);
    return `${name}=${encodePathLiteral(encodeLiteral(type.properties[name] ?? "Edm.String", value, name))}`;
  });
  return `(${parts.join(",")})`;
}

function invalidKey(type: EntityTypeDescriptor, key: unknown): never {
  const example = type.keys.length === 1 ? `"…"` : `{ ${type.keys.map((k) => `${k}: …`).join(", ")} }`;
  throw new ODataQueryError(`Invalid key ${JSON.stringify(key)} for ${type.name}.`, `Pass ${example} (key properties: ${type.keys.join(", ")}).`);
}
