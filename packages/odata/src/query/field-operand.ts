import type { PropertyKind } from "../model/edm.js";
import { ODataQueryError } from "../errors/odata-query-error.js";
import { FilterExpression } from "./filter-expression.js";
import type { ComparisonOperator, FilterNode, StringFunction, ValueNode } from "./nodes.js";

/**
 * Runtime side of one field in the filter builder (`f.displayName`). One class for every Edm type;
 * the types in `filter-types.ts` expose only the operations that make sense for each.
 */
export class FieldOperand {
  readonly #value: ValueNode;
  readonly #edm: PropertyKind;

  constructor(value: ValueNode, edm: PropertyKind) {
    this.#value = value;
    this.#edm = edm;
  }

  #compare(op: ComparisonOperator, value: unknown): FilterExpression<string> {
    return new FilterExpression({ kind: "compare", op, left: this.#value, right: { kind: "literal", edm: this.#edm, value } });
  }
  #call(fn: StringFunction, value: unknown): FilterExpression<string> {
    return new FilterExpression({ kind: "call", fn, target: this.#value, arg: { kind: "literal", edm: this.#edm, value } });
  }

  eq(value: unknown) { return this.#compare("eq", value); }
  ne(value: unknown) { return this.#compare("ne", value); }
  gt(value: unknown) { return this.#compare("gt", value); }
  ge(value: unknown) { return this.#compare("ge", value); }
  lt(value: unknown) { return this.#compare("lt", value); }
  le(value: unknown) { return this.#compare("le", value); }

  /**
   * Any of the values, sent as `x eq a or x eq b` — BC silently ignores `in (…)` without $schemaversion=2.1.
   * @example f.number.in(["10000", "20000"]) // (number eq '10000' or number eq '20000')
   */
  in(values: readonly unknown[]): FilterExpression<string> {
    if (values.length === 0) {
      throw new ODataQueryError("in([]) matches nothing and has no $filter form.", "Skip the request when the list is empty.");
    }
    const nodes = values.map((v): FilterNode => this.#compare("eq", v).node);
    return new FilterExpression(nodes.reduce((left, right) => ({ kind: "or", left, right })));
  }

  contains(value: string) { return this.#call("contains", value); }
  startsWith(value: string) { return this.#call("startswith", value); }
  endsWith(value: string) { return this.#call("endswith", value); }

  toLower(): FieldOperand { return new FieldOperand({ kind: "tolower", operand: this.#value }, this.#edm); }
  toUpper(): FieldOperand { return new FieldOperand({ kind: "toupper", operand: this.#value }, this.#edm); }
  /** 0-based start, as in OData. */
  substring(start: number, length?: number): FieldOperand {
    return new FieldOperand({ kind: "substring", operand: this.#value, start, length }, this.#edm);
  }
}

const FILTERABLE = (kind: PropertyKind) => kind !== "Edm.Stream" && kind !== "complex" && kind !== "collection";

const cache = new WeakMap<object, Readonly<Record<string, FieldOperand>>>();

/** The `f` argument of a filter callback for one entity type (cached per property map). */
export function fieldOperands(properties: Readonly<Record<string, PropertyKind>>): Readonly<Record<string, FieldOperand>> {
  let fields = cache.get(properties);
  if (fields === undefined) {
    const built: Record<string, FieldOperand> = {};
    for (const [name, edm] of Object.entries(properties)) {
      if (FILTERABLE(edm)) built[name] = new FieldOperand({ kind: "property", name, edm }, edm);
    }
    fields = Object.freeze(built);
    cache.set(properties, fields);
  }
  return fields;
}
