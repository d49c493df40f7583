import type { ComparisonOperator, FilterNode } from "./nodes.js";

const INVERSE: Record<ComparisonOperator, ComparisonOperator> = { eq: "ne", ne: "eq", gt: "le", le: "gt", lt: "ge", ge: "lt" };

/**
 * An immutable filter expression over the fields named by `F`. Combine with `and`, `or` (same field
 * only — Business Central rejects `or` across fields) and `not`.
 *
 * @example
 * f.balanceDue.gt(0).and(f.displayName.startsWith("Ad"))  // balanceDue gt 0 and startswith(displayName,'Ad')
 * f.number.eq("10000").or(f.number.eq("20000"))           // number eq '10000' or number eq '20000'
 * f.balanceDue.gt(0).not()                                // balanceDue le 0
 */
export class FilterExpression<F extends string = string> {
  /** Phantom: the fields this expression reads (used to reject cross-field `or` at compile time). */
  declare readonly __fields?: F;
  readonly node: FilterNode;

  constructor(node: FilterNode) {
    this.node = node;
  }

  and<G extends string>(other: FilterExpression<G>): FilterExpression<F | G> {
    return new FilterExpression({ kind: "and", left: this.node, right: other.node });
  }

  /** Alternatives on the same field; a different field fails type checking and, at runtime, serialization. */
  or(other: FilterExpression<F>): FilterExpression<F> {
    return new FilterExpression({ kind: "or", left: this.node, right: other.node });
  }

  /** Negation, pushed down to comparisons (`not (x gt 0)` → `x le 0`) so BC sees plain operators. */
  not(): FilterExpression<F> {
    return new FilterExpression(negate(this.node));
  }
}

function negate(node: FilterNode): FilterNode {
  switch (node.kind) {
    case "compare":
      return { ...node, op: INVERSE[node.op] };
    case "and":
      return { kind: "or", left: negate(node.left), right: negate(node.right) };
    case "or":
      return { kind: "and", left: negate(node.left), right: negate(node.right) };
    case "not":
      return node.operand;
    case "call":
    case "raw":
      return { kind: "not", operand: node };
  }
}

/**
 * Escape hatch: a `$filter` text sent exactly as written. Nothing is validated or encoded — you are
 * responsible for quoting (`'O''Brien'`) and for BC's limits (no cross-field `or`, no lambdas, no `in`).
 *
 * @example
 * company.customers.list({ filter: unsafeRawFilter("balanceDue gt 0") })  // ?$filter=balanceDue gt 0
 */
export function unsafeRawFilter(text: string): FilterExpression<never> {
  return new FilterExpression<never>({ kind: "raw", text });
}
