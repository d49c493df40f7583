import type { EnumField, FieldType, OpaqueField } from "../model/edm.js";
import type { EntityModel } from "../model/entity-model.js";
import type { FilterExpression } from "./filter-expression.js";

/** Equality on a field `K` with values `V`: eq, ne and `in` (sent as an or-chain). */
export interface EqualityOperand<K extends string, V> {
  eq(value: V | null): FilterExpression<K>;
  ne(value: V | null): FilterExpression<K>;
  /** `in([a, b])` → `(x eq a or x eq b)`; BC silently ignores a real `in (…)`. */
  in(values: readonly V[]): FilterExpression<K>;
}

/** Ordering comparisons on top of equality. */
export interface ComparableOperand<K extends string, V> extends EqualityOperand<K, V> {
  gt(value: V): FilterExpression<K>;
  ge(value: V): FilterExpression<K>;
  lt(value: V): FilterExpression<K>;
  le(value: V): FilterExpression<K>;
}

/** An `Edm.String` field: comparisons, contains/startsWith/endsWith, and one of tolower/toupper/substring. */
export interface StringOperand<K extends string> extends ComparableOperand<K, string> {
  contains(value: string): FilterExpression<K>;
  startsWith(value: string): FilterExpression<K>;
  endsWith(value: string): FilterExpression<K>;
  /** `tolower(x) eq 'ad'` — case-insensitive comparison. Not combinable with contains() (BC needs schema 2.1). */
  toLower(): ComparableOperand<K, string>;
  toUpper(): ComparableOperand<K, string>;
  /** `substring(x,0,2) eq 'AD'` (0-based start). */
  substring(start: number, length?: number): ComparableOperand<K, string>;
}

/** Which operand a field of a given `FieldType` gets. */
export type OperandFor<T extends FieldType, K extends string> = T extends "Edm.String"
  ? StringOperand<K>
  : T extends EnumField<infer V>
    ? EqualityOperand<K, V>
    : T extends "Edm.Guid"
      ? EqualityOperand<K, string>
      : T extends "Edm.Boolean"
        ? EqualityOperand<K, boolean>
        : T extends "Edm.Byte" | "Edm.SByte" | "Edm.Int16" | "Edm.Int32" | "Edm.Double" | "Edm.Single"
          ? ComparableOperand<K, number>
          : T extends "Edm.Decimal"
            ? ComparableOperand<K, number | `${number}`>
            : T extends "Edm.Int64"
              ? ComparableOperand<K, number | bigint | `${bigint}`>
              : T extends "Edm.Date" | "Edm.DateTimeOffset"
                ? ComparableOperand<K, string | Date>
                : T extends "Edm.TimeOfDay" | "Edm.Duration"
                  ? ComparableOperand<K, string>
                  : never;

/** Names of the fields of `M` that can appear in `$filter` / `$orderby`. */
export type FilterableField<M extends EntityModel> = {
  [K in keyof M["fields"] & string]: M["fields"][K] extends OpaqueField | "Edm.Binary" ? never : K;
}[keyof M["fields"] & string];

/** The `f` of `filter: (f) => …`: one typed operand per filterable field. */
export type FilterFields<M extends EntityModel> = {
  readonly [K in FilterableField<M>]: OperandFor<M["fields"][K], K>;
};

/** A filter: a callback over the typed fields, or an expression (e.g. `unsafeRawFilter(...)`). */
export type FilterInput<M extends EntityModel> = ((f: FilterFields<M>) => FilterExpression<string>) | FilterExpression<string>;
