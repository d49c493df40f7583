import type { PropertyKind } from "../model/edm.js";

/**
 * The readonly, kind-tagged nodes a query is made of. Builders (the filter builder, `toQueryNode`)
 * only create these; `serializeQuery` in `serialize-query.ts` is the one place that turns them into text.
 */

/** A value on the left of a comparison: a property, or a BC-supported string function applied to one. */
export type ValueNode =
  | { readonly kind: "property"; readonly name: string; readonly edm: PropertyKind }
  | { readonly kind: "tolower"; readonly operand: ValueNode }
  | { readonly kind: "toupper"; readonly operand: ValueNode }
  | { readonly kind: "substring"; readonly operand: ValueNode; readonly start: number; readonly length: number | undefined };

/** A typed literal; encoded (and validated) by `encodeLiteral` at serialization time. */
export interface LiteralNode {
  readonly kind: "literal";
  readonly edm: PropertyKind;
  readonly value: unknown;
}

export type ComparisonOperator = "eq" | "ne" | "gt" | "ge" | "lt" | "le";
export type StringFunction = "contains" | "startswith" | "endswith";

export type FilterNode =
  | { readonly kind: "compare"; readonly op: ComparisonOperator; readonly left: ValueNode; readonly right: LiteralNode }
  | { readonly kind: "call"; readonly fn: StringFunction; readonly target: ValueNode; readonly arg: LiteralNode }
  | { readonly kind: "and"; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: "or"; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: "not"; readonly operand: FilterNode }
  | { readonly kind: "raw"; readonly text: string };

export interface OrderByNode {
  readonly kind: "orderBy";
  readonly property: string;
  readonly direction: "asc" | "desc";
}

export interface ExpandNode {
  readonly kind: "expand";
  readonly navigation: string;
  readonly query: QueryNode;
}

/** Everything after `?` of one request (or inside the parentheses of one `$expand` item). */
export interface QueryNode {
  readonly kind: "query";
  readonly select: readonly string[] | undefined;
  readonly filter: FilterNode | undefined;
  readonly orderBy: readonly OrderByNode[] | undefined;
  readonly top: number | undefined;
  readonly skip: number | undefined;
  readonly count: boolean | undefined;
  readonly expand: readonly ExpandNode[] | undefined;
}

export const EMPTY_QUERY: QueryNode = Object.freeze({
  kind: "query",
  select: undefined,
  filter: undefined,
  orderBy: undefined,
  top: undefined,
  skip: undefined,
  count: undefined,
  expand: undefined,
});
