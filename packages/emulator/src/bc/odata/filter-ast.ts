/** Parsed `$filter` expression (BC's subset, fact sheet §3). Kind-tagged; the evaluator switches exhaustively. */
export type FilterLiteral =
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "number"; readonly text: string }
  | { readonly kind: "guid"; readonly value: string }
  | { readonly kind: "date"; readonly value: string }
  | { readonly kind: "dateTimeOffset"; readonly value: string }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "null" }
  /** `Microsoft.NAV.contactType'Person'` */
  | { readonly kind: "enum"; readonly type: string; readonly member: string };

export type CompareOperator = "eq" | "ne" | "gt" | "ge" | "lt" | "le";
export type StringPredicate = "contains" | "startswith" | "endswith";
export type StringFunction = "tolower" | "toupper" | "trim";

export type FilterOperand =
  | { readonly kind: "property"; readonly name: string }
  | { readonly kind: "literal"; readonly literal: FilterLiteral }
  | { readonly kind: "function"; readonly name: StringFunction; readonly arg: FilterOperand }
  | { readonly kind: "substring"; readonly arg: FilterOperand; readonly start: number; readonly length: number | undefined };

export type FilterExpr =
  | { readonly kind: "compare"; readonly op: CompareOperator; readonly left: FilterOperand; readonly right: FilterOperand }
  | { readonly kind: "and"; readonly left: FilterExpr; readonly right: FilterExpr }
  | { readonly kind: "or"; readonly left: FilterExpr; readonly right: FilterExpr }
  | { readonly kind: "not"; readonly expr: FilterExpr }
  | { readonly kind: "predicate"; readonly name: StringPredicate; readonly target: FilterOperand; readonly value: FilterOperand }
  | { readonly kind: "in"; readonly operand: FilterOperand; readonly values: readonly FilterLiteral[] }
  /** `lines/any(...)` — BC ignores lambdas silently (§3, §11.1). */
  | { readonly kind: "lambda"; readonly text: string }
  /** A bare boolean property: `$filter=blocked`. */
  | { readonly kind: "booleanProperty"; readonly name: string };

/** Properties an operand reads (used by the cross-field `or` check). */
export function operandProperties(operand: FilterOperand): string[] {
  switch (operand.kind) {
    case "property":
      return [operand.name];
    case "literal":
      return [];
    case "function":
    case "substring":
      return operandProperties(operand.arg);
  }
}

export function expressionProperties(expr: FilterExpr): string[] {
  switch (expr.kind) {
    case "compare":
      return [...operandProperties(expr.left), ...operandProperties(expr.right)];
    case "and":
    case "or":
      return [...expressionProperties(expr.left), ...expressionProperties(expr.right)];
    case "not":
      return expressionProperties(expr.expr);
    case "predicate":
      return [...operandProperties(expr.target), ...operandProperties(expr.value)];
    case "in":
      return operandProperties(expr.operand);
    case "lambda":
      return [];
    case "booleanProperty":
      return [expr.name];
  }
}

export function countNodes(expr: FilterExpr): number {
  switch (expr.kind) {
    case "and":
    case "or":
      return 1 + countNodes(expr.left) + countNodes(expr.right);
    case "not":
      return 1 + countNodes(expr.expr);
    case "in":
      return 2 + expr.values.length;
    case "compare":
    case "predicate":
      return 3;
    case "lambda":
    case "booleanProperty":
      return 1;
  }
}
