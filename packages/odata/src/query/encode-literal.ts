import type { PropertyKind } from "../model/edm.js";
import { ODataQueryError } from "../errors/odata-query-error.js";

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,12})?)?$/;
const DURATION = /^-?P(?=\d|T\d)(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;
const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const INTEGER = /^-?\d+$/;
/** A UTF-16 surrogate without its partner: no UTF-8 encoding exists, so no URL can carry it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Raw enum wire names are XML-encoded identifiers: `Open`, `Credit_x0020_Memo`, `_x0020_` (blank). */
const ENUM_MEMBER = /^[\p{L}\p{N}_]+$/u;

const INT_RANGES: Partial<Record<PropertyKind, readonly [number, number]>> = {
  "Edm.Byte": [0, 255],
  "Edm.SByte": [-128, 127],
  "Edm.Int16": [-32768, 32767],
  "Edm.Int32": [-2147483648, 2147483647],
};

function invalid(kind: PropertyKind, value: unknown, where: string, expected: string): never {
  const shown = typeof value === "string" ? JSON.stringify(value) : String(value);
  throw new ODataQueryError(`Invalid ${kind} literal ${shown}${where ? ` for "${where}"` : ""}.`, `Expected ${expected}.`);
}

function validDate(y: string, m: string, d: string): boolean {
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
}

function plainNumber(n: number): string {
  const text = String(n);
  return /e/i.test(text) ? n.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 }) : text;
}

/**
 * Encodes one value as an OData literal of the given kind (not yet URL-encoded). Every branch
 * validates, so no value can end the literal early and inject a clause.
 *
 * @example
 * encodeLiteral("Edm.String", "O'Brien")                       // 'O''Brien'
 * encodeLiteral("Edm.Guid", "5D115C9C-44E3-EA11-BB43-000D3A2FECA1") // 5d115c9c-44e3-ea11-bb43-000d3a2feca1
 * encodeLiteral("Edm.Date", "2024-02-29")                      // 2024-02-29
 * encodeLiteral("enum", "Credit_x0020_Memo")                   // 'Credit_x0020_Memo'
 */
export function encodeLiteral(kind: PropertyKind, value: unknown, where = ""): string {
  if (value === null) return "null";
  switch (kind) {
    case "Edm.String":
      if (typeof value !== "string") return invalid(kind, value, where, "a string");
      if (LONE_SURROGATE.test(value)) return invalid(kind, value, where, "well-formed text: it contains a lone UTF-16 surrogate (half of an emoji or similar, often from slicing a string), which no URL can carry");
      return `'${value.replaceAll("'", "''")}'`;
    case "enum":
      if (typeof value !== "string" || !ENUM_MEMBER.test(value)) {
        return invalid(kind, value, where, 'the raw wire name of an enum member (letters, digits, "_"), e.g. "Credit_x0020_Memo" for "Credit Memo"');
      }
      return `'${value}'`;
    case "Edm.Guid":
      if (typeof value !== "string" || !GUID.test(value)) return invalid(kind, value, where, '8-4-4-4-12 hex digits, e.g. "5d115c9c-44e3-ea11-bb43-000d3a2feca1"');
      return value.toLowerCase();
    case "Edm.Boolean":
      if (typeof value !== "boolean") return invalid(kind, value, where, "true or false");
      return value ? "true" : "false";
    case "Edm.Byte":
    case "Edm.SByte":
    case "Edm.Int16":
    case "Edm.Int32": {
      const [min, max] = INT_RANGES[kind] as readonly [number, number];
      if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
        return invalid(kind, value, where, `an integer from ${min} to ${max}`);
      }
      return String(value);
    }
    case "Edm.Int64":
      if (typeof value === "bigint") return value.toString();
      if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
      if (typeof value === "string" && INTEGER.test(value)) return value;
      return invalid(kind, value, where, "a safe integer, a bigint or a string of digits");
    case "Edm.Decimal":
    case "Edm.Double":
    case "Edm.Single":
      if (typeof value === "number" && Number.isFinite(value)) return plainNumber(value);
      if (typeof value === "string" && DECIMAL.test(value)) return value;
      return invalid(kind, value, where, 'a finite number or a decimal string such as "1000.00"');
    case "Edm.Date": {
      if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
      const m = typeof value === "string" ? DATE.exec(value) : null;
      if (!m || !validDate(m[1]!, m[2]!, m[3]!)) return invalid(kind, value, where, 'a calendar date "YYYY-MM-DD" or a Date');
      return value as string;
    }
    case "Edm.DateTimeOffset": {
      if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
      const m = typeof value === "string" ? DATE_TIME_OFFSET.exec(value) : null;
      if (!m || !validDate(m[1]!, m[2]!, m[3]!) || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) {
        return invalid(kind, value, where, 'an ISO 8601 timestamp with offset, e.g. "2024-01-31T12:00:00Z", or a Date');
      }
      return value as string;
    }
    case "Edm.TimeOfDay":
      if (typeof value !== "string" || !TIME_OF_DAY.test(value)) return invalid(kind, value, where, 'a time "HH:MM:SS" (24h)');
      return value;
    case "Edm.Duration":
      if (typeof value !== "string" || !DURATION.test(value)) return invalid(kind, value, where, 'an ISO 8601 duration such as "P1DT2H"');
      return `duration'${value}'`;
    case "Edm.Binary":
      if (!(value instanceof Uint8Array)) return invalid(kind, value, where, "a Uint8Array");
      return `binary'${btoa(String.fromCharCode(...value)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "")}'`;
    case "Edm.Stream":
    case "complex":
    case "collection":
      throw new ODataQueryError(`"${where}" is of kind ${kind} and cannot appear in a filter or key.`, "Filter on a primitive or enum property instead.");
  }
}
