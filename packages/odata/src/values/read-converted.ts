import { ODataValueError } from "../errors/odata-value-error.js";

/** A route's conversion table as Maps: a property named `constructor` must not find Object.prototype's. */
export type Conversions = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** Where a value sits: `salesOrderLines[2].unitPrice`, as a string or as segments. */
export type ValuePath = string | readonly (string | number)[];

/** An Edm.Date as BC writes it: `2024-01-31`, `0001-01-01`. */
export const CALENDAR_DATE = /^(-?\d{4,})-(\d{2})-(\d{2})$/;

/**
 * A JSON string (or a number's text, `isNumber`) read at a property whose conversion is known:
 * dates become `Date`, decimal/Int64 text stays text, anything at a structured type stays as it is.
 *
 * @example
 * readConverted("Edm.Date", "0001-01-01", "postingDate")     // Date 0001-01-01T00:00:00.000Z (BC's blank date)
 * readConverted("Edm.Decimal", "1000.00", "unitPrice", true)  // "1000.00"
 */
export function readConverted(conversion: string, text: string, path: ValuePath, isNumber = false): unknown {
  switch (conversion) {
    case "Edm.Date":
      return isNumber ? unexpected(path, text, conversion) : readDate(text, path);
    case "Edm.DateTimeOffset": {
      const date = isNumber ? undefined : new Date(text);
      return date !== undefined && !Number.isNaN(date.getTime()) ? date : unexpected(path, isNumber ? text : JSON.stringify(text), conversion);
    }
    case "Edm.Decimal":
    case "Edm.Int64":
      // Text for a number; a string when the service honours IEEE754Compatible=true: both stay as they are.
      return text;
    default:
      return isNumber ? Number(text) : text;
  }
}

function readDate(text: string, path: ValuePath): Date {
  const m = CALENDAR_DATE.exec(text);
  if (m === null) return unexpected(path, JSON.stringify(text), "Edm.Date");
  // Not Date.UTC(y, …): it maps years 0–99 to 1900–1999, and BC's blank date is 0001-01-01.
  const date = new Date(0);
  date.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // 2024-02-30 would roll over into March; a calendar date that does not exist is an error.
  if (date.getUTCMonth() !== Number(m[2]) - 1 || date.getUTCDate() !== Number(m[3])) return unexpected(path, JSON.stringify(text), "Edm.Date");
  return date;
}

export function formatPath(path: ValuePath): string {
  if (typeof path === "string") return path;
  return path.reduce<string>((text, segment) => (typeof segment === "number" ? `${text}[${segment}]` : text === "" ? segment : `${text}.${segment}`), "");
}

/** A value the service sent does not fit the Edm type the client was generated for. */
export function unexpected(path: ValuePath, shown: string, kind: string): never {
  throw new ODataValueError(formatPath(path), `the service sent ${shown}, which is not an ${kind}.`, `Regenerate the client from the service's current $metadata, or report the value if the metadata already says ${kind}.`);
}
