import { ODataValueError } from "../errors/odata-value-error.js";
import { LosslessNumber, parseConvertedJson, parseLosslessJson } from "./lossless-json.js";
import { CALENDAR_DATE, readConverted, unexpected, type Conversions } from "./read-converted.js";
import type { RouteValues } from "./value-mapping.js";

type Table = Conversions;

/** JSON number grammar: a decimal string in it can be written into the body verbatim. */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const INTEGER = /^-?(?:0|[1-9]\d*)$/;

/**
 * Converts bodies between BC's JSON and a route's TypeScript shapes, steered by its conversion
 * table. Only routes generated with `dates: "Date"` or decimals/Int64 as strings have one; the
 * default route reads plain `JSON.parse` output and writes `JSON.stringify`.
 *
 * @example
 * codec.read("Microsoft.NAV.salesOrder", { orderDate: "2024-01-31" })  // { orderDate: 2024-01-31T00:00:00.000Z (a Date) }
 * codec.write("Microsoft.NAV.customer", { creditLimit: "1000.10" })     // '{"creditLimit":1000.10}'
 */
export interface ValueCodec {
  /** "text" when numbers must be read losslessly: clients then decode bodies with `decode`, already converted. */
  readonly parseAs: "json" | "text";
  /** Generic parse: `JSON.parse`, or lossless (numbers as `LosslessNumber`, for `read`/`readKind` to finish). */
  parse(text: string): unknown;
  /** Parse and convert in one pass: an entity, or a collection answer, of `typeName`. */
  decode(text: string, typeName: string, shape: "entity" | "collection"): unknown;
  /** One structured value (entity or complex) of `typeName`, converted in place. */
  read(typeName: string, value: unknown): unknown;
  /** A collection answer `{ value: [...], "@odata.count"?, "@odata.nextLink"? }` of `typeName`. */
  readCollection(typeName: string, body: unknown): unknown;
  /** A value of a known Edm kind (`"Edm.Date"`); for kinds the route does not convert, `plain(value)`. */
  readKind(kind: string, value: unknown): unknown;
  /** A value with no known type (batch envelopes, error bodies): lossless numbers become numbers, nothing else changes. */
  plain(value: unknown): unknown;
  /** The JSON text of a request body of `typeName`. */
  write(typeName: string, value: object): string;
  /** The JSON text of action parameters whose kinds the operation descriptor lists. */
  writeParams(kinds: Readonly<Record<string, string>>, params: object): string;
}

export function createValueCodec(values: RouteValues): ValueCodec {
  const lossless = values.mapping.decimal === "string" || values.mapping.int64 === "string";
  // Maps, not the literal objects: a property named `constructor` must not find Object.prototype's.
  const table: Table = new Map(Object.entries(values.conversions).map(([type, entries]) => [type, new Map(Object.entries(entries))]));

  const plain = (value: unknown): unknown => {
    if (!lossless || value === null || typeof value !== "object") return value;
    if (value instanceof LosslessNumber) return Number(value.text);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = plain(value[i]);
      return value;
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = plain(record[key]);
    return record;
  };

  const readStructured = (typeName: string, value: unknown, path: string): unknown => {
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = readStructured(typeName, value[i], `${path}[${i}]`);
      return value;
    }
    const entries = table.get(typeName);
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const conversion = entries?.get(key);
      record[key] = conversion === undefined ? plain(record[key]) : readValue(conversion, record[key], path === "" ? key : `${path}.${key}`);
    }
    return record;
  };

  const readValue = (conversion: string, value: unknown, path: string): unknown => {
    if (value === null || value === undefined) return value;
    if (Array.isArray(value)) return value.map((v, i) => readValue(conversion, v, `${path}[${i}]`));
    if (typeof value === "string") return readConverted(conversion, value, path);
    if (value instanceof LosslessNumber) return readConverted(conversion, value.text, path, true);
    if (typeof value === "object") return readStructured(conversion, value, path);
    // A JSON.parse number or boolean: right only where no conversion of a primitive applies.
    return conversion.startsWith("Edm.") ? unexpected(path, String(value), conversion) : value;
  };

  return {
    parseAs: lossless ? "text" : "json",
    parse: (text) => (lossless ? parseLosslessJson(text) : JSON.parse(text)),
    decode: (text, typeName, shape) => parseConvertedJson(text, table, typeName, shape),
    read: (typeName, value) => readStructured(typeName, value, ""),
    readCollection(typeName, body) {
      if (body === null || typeof body !== "object") return body;
      const record = body as Record<string, unknown>;
      for (const key of Object.keys(record)) record[key] = key === "value" ? readStructured(typeName, record[key], "value") : plain(record[key]);
      return record;
    },
    readKind: (kind, value) => (isConverted(kind, values) ? readValue(kind, value, "value") : plain(value)),
    plain,
    write: (typeName, value) => writeStructured(table, typeName, value, ""),
    writeParams(kinds, params) {
      const parts: string[] = [];
      for (const [key, value] of Object.entries(params)) {
        if (value === undefined) continue;
        const kind = Object.hasOwn(kinds, key) ? kinds[key] : undefined;
        parts.push(`${JSON.stringify(key)}:${kind !== undefined && isConverted(kind, values) ? writeValue(table, kind, value, key) : JSON.stringify(value)}`);
      }
      return `{${parts.join(",")}}`;
    },
  };
}

function isConverted(kind: string, values: RouteValues): boolean {
  switch (kind) {
    case "Edm.Date":
    case "Edm.DateTimeOffset":
      return values.mapping.dates === "Date";
    case "Edm.Decimal":
      return values.mapping.decimal === "string";
    case "Edm.Int64":
      return values.mapping.int64 === "string";
    default:
      return false;
  }
}

function writeStructured(table: Table, typeName: string, value: unknown, path: string): string {
  if (value === null || typeof value !== "object" || value instanceof Date) return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v, i) => writeStructured(table, typeName, v, `${path}[${i}]`)).join(",")}]`;
  const entries = table.get(typeName);
  const parts: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || typeof v === "function") continue;
    const conversion = entries?.get(key);
    parts.push(`${JSON.stringify(key)}:${conversion === undefined ? JSON.stringify(v) : writeValue(table, conversion, v, path === "" ? key : `${path}.${key}`)}`);
  }
  return `{${parts.join(",")}}`;
}

function writeValue(table: Table, conversion: string, value: unknown, path: string): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `[${value.map((v, i) => writeValue(table, conversion, v, `${path}[${i}]`)).join(",")}]`;
  switch (conversion) {
    case "Edm.Date":
      if (value instanceof Date && !Number.isNaN(value.getTime())) return `"${value.toISOString().slice(0, 10)}"`;
      if (typeof value === "string" && CALENDAR_DATE.test(value)) return JSON.stringify(value);
      return invalid(path, value, conversion, 'Pass a Date (its UTC calendar day is sent) or "YYYY-MM-DD".');
    case "Edm.DateTimeOffset":
      if (value instanceof Date && !Number.isNaN(value.getTime())) return `"${value.toISOString()}"`;
      if (typeof value === "string" && !Number.isNaN(new Date(value).getTime())) return JSON.stringify(value);
      return invalid(path, value, conversion, 'Pass a valid Date or an ISO 8601 timestamp such as "2024-01-31T12:00:00Z".');
    case "Edm.Decimal":
      if (typeof value === "string" && JSON_NUMBER.test(value)) return value;
      if (typeof value === "number" && Number.isFinite(value)) return JSON.stringify(value);
      return invalid(path, value, conversion, 'Pass a JSON number literal such as "1000.00" or a finite number.');
    case "Edm.Int64":
      if (typeof value === "string" && INTEGER.test(value)) return value;
      if (typeof value === "bigint") return value.toString();
      if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
      return invalid(path, value, conversion, 'Pass a string of digits such as "9007199254740993", a bigint or a safe integer.');
    default:
      return writeStructured(table, conversion, value, path);
  }
}

function shown(value: unknown): string {
  if (value instanceof Date) return "an invalid Date";
  if (value instanceof LosslessNumber) return value.text;
  return typeof value === "string" ? JSON.stringify(value) : typeof value === "object" ? "an object" : String(value);
}

function invalid(path: string, value: unknown, kind: string, remedy: string): never {
  throw new ODataValueError(path, `${shown(value)} is not an ${kind}.`, remedy);
}

