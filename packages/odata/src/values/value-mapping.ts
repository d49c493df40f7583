/**
 * How a generated route represents values whose JSON form is lossy or stringly typed.
 * Chosen per route in `bcts.config.ts` (`dates`, `decimal`, `int64`) and carried by its registry.
 */
export interface ValueMapping {
  /** "Date": Edm.Date and Edm.DateTimeOffset become `Date` objects (Edm.Date at UTC midnight). */
  readonly dates: "string" | "Date";
  /** "string": Edm.Decimal values keep the digits BC sent (`"1000.00"`), read without rounding. */
  readonly decimal: "number" | "string";
  /** "string": Edm.Int64 values keep every digit (`"9007199254740993"`). */
  readonly int64: "number" | "string";
}

/**
 * Per structured type (entity or complex, by qualified name): the properties the runtime converts,
 * each with the Edm primitive to convert (`"Edm.DateTimeOffset"`) or the qualified name of the
 * nested structured type that holds such values (complex properties, navigation for `$expand` and
 * deep insert). Types and properties without conversions are left out.
 *
 * @example
 * { "Microsoft.NAV.salesOrder": { orderDate: "Edm.Date", customer: "Microsoft.NAV.customer", salesOrderLines: "Microsoft.NAV.salesOrderLine" } }
 */
export type ConversionTable = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** What `createTypeRegistry` gets for a route whose mapping is not the JSON default. */
export interface RouteValues {
  readonly mapping: ValueMapping;
  readonly conversions: ConversionTable;
}
