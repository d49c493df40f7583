import type { EdmEntityType } from "../metadata/edm-model.js";
import { BcError } from "../http/bc-error.js";
import { splitTopLevel } from "./query-options.js";

const guidRe = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Canonical store key of a record: its key property values, JSON-encoded in key order. */
export function storeKey(type: EdmEntityType, values: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(type.keys.map((k) => values[k] ?? null));
}

function formatKeyValue(type: EdmEntityType, name: string, value: unknown, encode: boolean): string {
  const p = type.properties.get(name);
  if (p?.type.kind === "primitive" && ["Edm.Guid", "Edm.Int32", "Edm.Int64", "Edm.Decimal", "Edm.Date", "Edm.Boolean"].includes(p.type.name)) return String(value);
  const text = String(value).replace(/'/g, "''");
  // In URLs, names like `CRONUS USA, Inc.` are percent-encoded: Company('CRONUS%20USA%2C%20Inc.') (§2.2).
  return `'${encode ? encodeURIComponent(text) : text}'`;
}

/** Key predicate body: `33c2…` (GUID unquoted), `'10000'`, `Document_Type='Order',No='101005'` (§2.1, §2.2). */
export function formatKey(type: EdmEntityType, values: Readonly<Record<string, unknown>>, encode = false): string {
  if (type.keys.length === 1) return formatKeyValue(type, type.keys[0]!, values[type.keys[0]!], encode);
  return type.keys.map((k) => `${k}=${formatKeyValue(type, k, values[k], encode)}`).join(",");
}

const notFound = (text: string): BcError =>
  new BcError(404, "BadRequest_NotFound", `Bad Request - Error in query syntax. The key '${text}' is not valid for this entity.`);

function parseKeyValue(type: EdmEntityType, name: string, text: string): unknown {
  const p = type.properties.get(name);
  const t = p?.type;
  const raw = text.trim();
  if (t?.kind === "primitive") {
    switch (t.name) {
      case "Edm.Guid":
        if (!guidRe.test(raw)) throw notFound(text);
        return raw.toLowerCase();
      case "Edm.Int32":
      case "Edm.Int64":
        if (!/^-?\d+$/.test(raw)) throw notFound(text);
        return Number(raw);
      case "Edm.Decimal":
        if (!/^-?\d+(\.\d+)?$/.test(raw)) throw notFound(text);
        return Number(raw);
      case "Edm.Date":
        if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) throw notFound(text);
        return raw;
      case "Edm.Boolean":
        if (raw !== "true" && raw !== "false") throw notFound(text);
        return raw === "true";
      default:
        break;
    }
  }
  const m = /^'((?:[^']|'')*)'$/.exec(raw);
  if (!m) throw notFound(text);
  return m[1]!.replace(/''/g, "'");
}

/** Parses the text between the parentheses of `set(...)` into key values for `type`. */
export function parseKey(type: EdmEntityType, text: string): Record<string, unknown> {
  const parts = splitTopLevel(text, ",");
  const named = parts.every((p) => /^[A-Za-z_][\w]*\s*=/.test(p));
  const values: Record<string, unknown> = {};
  if (parts.length === 1 && !named) {
    if (type.keys.length !== 1) throw notFound(text);
    values[type.keys[0]!] = parseKeyValue(type, type.keys[0]!, parts[0]!);
    return values;
  }
  if (!named || parts.length !== type.keys.length) throw notFound(text);
  for (const part of parts) {
    const eq = part.indexOf("=");
    const name = part.slice(0, eq).trim();
    if (!type.keys.includes(name)) throw notFound(text);
    values[name] = parseKeyValue(type, name, part.slice(eq + 1));
  }
  return values;
}
