import type { FilterNode } from "./nodes.js";

/**
 * An immutable filter expression over the fields named by `F`. Combine with `and`, `or`, `orAny` and `not`.
 * The route's dialect decides what is sent: Business Central rejects `or` across fields and gets `not`
 * pushed down to plain comparisons; a standard OData (`odata` dialect) route gets the expression as written.
 *
 * @example
 * f.balanceDue.gt(0).and(f.displayName.startsWith("Ad"))  // balanceDue gt 0 and startswith(displayName,'Ad')
 * f.number.eq("10000").or(f.number.eq("20000"))           // number eq '10000' or number eq '20000'
 * f.balanceDue.gt(0).not()                                // BC: balanceDue le 0   odata: not (balanceDue gt 0)
 * f.stock.eq(0).orAny(f.active.eq(false))                 // odata: stock eq 0 or active eq false   BC: ODataQueryError
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

  /** Alternatives on the same field; a different field fails type checking (use `orAny` on `odata` routes). */
  or(other: FilterExpression<F>): FilterExpression<F> {
    return new FilterExpression({ kind: "or", left: this.node, right: other.node });
  }

  /**
   * `or` across fields. Standard OData allows it; Business Central rejects it, so on a
   * `business-central` route the query fails with ODataQueryError before anything is sent.
   */
  orAny<G extends string>(other: FilterExpression<G>): FilterExpression<F | G> {
    return new FilterExpression({ kind: "or", left: this.node, right: other.node });
  }

  /**
   * Negation. Kept as written in the node; a `business-central` route pushes it down to comparisons
   * (`not (x gt 0)` → `x le 0`, which differs from OData's null semantics only for null values).
   */
  not(): FilterExpression<F> {
    return new FilterExpression({ kind: "not", operand: this.node });
  }
}

/**
 * Escape hatch: a `$filter` text sent exactly as written. Nothing is validated or encoded — you are
 * responsible for quoting (`'O''Brien'`) and, on Business Central, for its limits (no cross-field `or`, no lambdas, no `in`).
 *
 * @example
 * company.customers.list({ filter: unsafeRawFilter("balanceDue gt 0") })  // ?$filter=balanceDue gt 0
 */
export function unsafeRawFilter(text: string): FilterExpression<never> {
  return new FilterExpression<never>({ kind: "raw", text });
}
