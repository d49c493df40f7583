/**
 * Business Central has no nulls for most blank values; it sends placeholders instead, even where
 * `$metadata` says Nullable:
 * - blank Date: `"0001-01-01"`; blank DateTimeOffset: `"0001-01-01T00:00:00Z"`
 * - blank GUID: `"00000000-0000-0000-0000-000000000000"`
 * - blank Text/Code: `""`; blank enum member: `"_x0020_"`
 *
 * @example
 * isBlank(customer.lastPaymentDate) // true for "0001-01-01", null or undefined
 * blankToNull(order.customerId)      // null instead of the zero GUID
 */
export const EMPTY_DATE = "0001-01-01";
export const EMPTY_DATE_TIME = "0001-01-01T00:00:00Z";
export const EMPTY_GUID = "00000000-0000-0000-0000-000000000000";
export const EMPTY_ENUM = "_x0020_";

const BLANKS = new Set<unknown>(["", EMPTY_DATE, EMPTY_DATE_TIME, "0001-01-01T00:00:00.000Z", EMPTY_GUID, EMPTY_ENUM, null, undefined]);

/** True for null/undefined and every BC blank placeholder. */
export function isBlank(value: unknown): boolean {
  return BLANKS.has(value);
}

/** The value, or null when it is one of BC's blank placeholders. */
export function blankToNull<T>(value: T): Exclude<T, undefined> | null {
  return isBlank(value) ? null : (value as Exclude<T, undefined>);
}
