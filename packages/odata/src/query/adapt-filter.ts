import type { RouteDialect } from "../model/descriptors.js";
import { ODataQueryError } from "../errors/odata-query-error.js";
import type { ComparisonOperator, FilterNode, ValueNode } from "./nodes.js";

const INVERSE: Record<ComparisonOperator, ComparisonOperator> = { eq: "ne", ne: "eq", gt: "le", le: "gt", lt: "ge", ge: "lt" };

/**
 * Fits a filter to the route's dialect before it is serialized.
 * - "odata": returned as written (standard OData V4 has cross-field `or`, `not`, nested functions).
 * - "business-central": `not` pushed down to comparisons, then BC's limits checked — no `or` across
 *   fields, functions only directly on a property (nesting needs `$schemaversion=2.1`).
 *
 * @example
 * adaptFilter(f.balanceDue.gt(0).not().node, "business-central")  // balanceDue le 0
 * adaptFilter(f.balanceDue.gt(0).not().node, "odata")             // not (balanceDue gt 0)
 */
export function adaptFilter(node: FilterNode, dialect: RouteDialect): FilterNode {
  switch (dialect) {
    case "odata":
      return node;
    case "business-central": {
      const pushed = pushDownNot(node);
      checkBusinessCentral(pushed);
      return pushed;
    }
    default: {
      const unreachable: never = dialect;
      return unreachable;
    }
  }
}

// BC handles plain comparisons best; `not` stays only in front of functions and raw text.
function pushDownNot(node: FilterNode): FilterNode {
  switch (node.kind) {
    case "and":
    case "or":
      return { ...node, left: pushDownNot(node.left), right: pushDownNot(node.right) };
    case "not":
      return negate(node.operand);
    case "compare":
    case "call":
    case "raw":
      return node;
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
      return pushDownNot(node.operand);
    case "call":
    case "raw":
      return { kind: "not", operand: node };
  }
}

function checkBusinessCentral(node: FilterNode): void {
  switch (node.kind) {
    case "compare":
      checkValue(node.left, true);
      return;
    case "call":
      if (node.target.kind !== "property") {
        throw new ODataQueryError(
          `${node.fn}() over ${node.target.kind}() needs $schemaversion=2.1 in Business Central.`,
          `Use ${node.fn}() on the property itself, or compare ${node.target.kind}(${propertyOf(node.target)}) with eq.`,
        );
      }
      return;
    case "and":
      checkBusinessCentral(node.left);
      checkBusinessCentral(node.right);
      return;
    case "or": {
      const fields = new Set([...fieldsOf(node.left), ...fieldsOf(node.right)]);
      if (fields.size > 1) {
        throw new ODataQueryError(
          `Business Central rejects "or" across different fields (${[...fields].join(", ")}); standard OData allows it (routes with dialect "odata").`,
          "Combine alternatives of one field with or (f.x.eq(a).or(f.x.eq(b)), or f.x.in([a, b])), and send one request per field otherwise.",
        );
      }
      checkBusinessCentral(node.left);
      checkBusinessCentral(node.right);
      return;
    }
    case "not":
      checkBusinessCentral(node.operand);
      return;
    case "raw":
      return;
  }
}

function checkValue(node: ValueNode, top: boolean): void {
  if (node.kind === "property") return;
  if (!top || node.operand.kind !== "property") {
    throw new ODataQueryError("Nested filter functions need $schemaversion=2.1 in Business Central.", "Apply one function (tolower, toupper or substring) to a property.");
  }
}

function propertyOf(node: ValueNode): string {
  return node.kind === "property" ? node.name : propertyOf(node.operand);
}

function fieldsOf(node: FilterNode): readonly string[] {
  switch (node.kind) {
    case "compare":
      return [propertyOf(node.left)];
    case "call":
      return [propertyOf(node.target)];
    case "and":
    case "or":
      return [...fieldsOf(node.left), ...fieldsOf(node.right)];
    case "not":
      return fieldsOf(node.operand);
    case "raw":
      return [`raw:${node.text}`];
  }
}
