import type { EdmEntityType, EdmModel, EdmProperty } from "../metadata/edm-model.js";
import { BcError, bcErrors } from "../http/bc-error.js";
import { enumOptionError, resolveEnumMember } from "./edm-values.js";
import { countNodes, expressionProperties, type FilterExpr, type FilterLiteral, type FilterOperand } from "./filter-ast.js";

export type EntityRecord = Readonly<Record<string, unknown>>;
export type FilterPredicate = (record: EntityRecord) => boolean;

export interface FilterOptions {
  /** `$schemaversion=2.1` enables `in (...)`; without it BC silently drops the whole filter (§3, §11.1). */
  readonly schemaVersion21: boolean;
  /** BC's node count limit (§3, "The node count limit of '100' has been exceeded"). */
  readonly maxNodeCount: number;
}

/** Case-folding marks: tolower/toupper make BC compare case-insensitively (§3). */
interface Value {
  readonly value: unknown;
  readonly property: EdmProperty | undefined;
  readonly folded: boolean;
}

const matchAll: FilterPredicate = () => true;

/** Checks a parsed filter against the entity type and compiles it into a predicate. */
export function compileFilter(expr: FilterExpr, type: EdmEntityType, model: EdmModel, options: FilterOptions): FilterPredicate {
  if (countNodes(expr) > options.maxNodeCount) {
    throw new BcError(400, "BadRequest", `The node count limit of '${options.maxNodeCount}' has been exceeded. To increase the limit, set the 'MaxNodeCount' property on EnableQueryAttribute or ODataValidationSettings.`);
  }
  if (containsIgnored(expr, options)) return matchAll;

  const propertyOf = (name: string): EdmProperty => {
    const p = type.properties.get(name);
    if (!p) throw bcErrors.noSuchProperty(name, type.qualifiedName);
    return p;
  };

  const operand = (o: FilterOperand): ((r: EntityRecord) => Value) => {
    switch (o.kind) {
      case "property": {
        const p = propertyOf(o.name);
        return (r) => ({ value: r[o.name], property: p, folded: false });
      }
      case "literal":
        return () => ({ value: o.literal, property: undefined, folded: false });
      case "function": {
        const inner = operand(o.arg);
        const fn = o.name;
        return (r) => {
          const v = inner(r);
          const s = typeof v.value === "string" ? v.value : "";
          switch (fn) {
            case "tolower":
              return { ...v, value: s.toLowerCase(), folded: true };
            case "toupper":
              return { ...v, value: s.toUpperCase(), folded: true };
            case "trim":
              return { ...v, value: s.trim() };
          }
        };
      }
      case "substring": {
        const inner = operand(o.arg);
        return (r) => {
          const v = inner(r);
          const s = typeof v.value === "string" ? v.value : "";
          return { ...v, value: o.length === undefined ? s.slice(o.start) : s.substr(o.start, o.length) };
        };
      }
    }
  };

  const compile = (e: FilterExpr): FilterPredicate => {
    switch (e.kind) {
      case "and": {
        const l = compile(e.left), r = compile(e.right);
        return (x) => l(x) && r(x);
      }
      case "or": {
        const fields = new Set(expressionProperties(e));
        if (fields.size > 1) throw new BcError(400, "BadRequest_NotSupported", "The 'OR' operator is not supported on distinct fields on an OData filter.");
        const l = compile(e.left), r = compile(e.right);
        return (x) => l(x) || r(x);
      }
      case "not": {
        const inner = compile(e.expr);
        return (x) => !inner(x);
      }
      case "booleanProperty": {
        const p = propertyOf(e.name);
        if (p.type.kind !== "primitive" || p.type.name !== "Edm.Boolean") throw bcErrors.querySyntax(`'${e.name}' is not a Boolean expression.`);
        return (x) => x[e.name] === true;
      }
      case "lambda":
        return matchAll;
      case "in": {
        const left = operand(e.operand);
        return (x) => {
          const l = left(x);
          return e.values.some((lit) => compareValues(l, toTyped(lit, l.property, model), model) === 0);
        };
      }
      case "predicate": {
        const target = operand(e.target), value = operand(e.value);
        const name = e.name;
        return (x) => {
          const t = target(x), v = value(x);
          const lit = v.value as FilterLiteral;
          if (lit.kind !== "string") throw bcErrors.querySyntax(`${name} expects a string literal.`);
          let hay = typeof t.value === "string" ? t.value : String(t.value ?? "");
          let needle = lit.value;
          if (t.folded) { hay = hay.toLowerCase(); needle = needle.toLowerCase(); }
          switch (name) {
            case "contains":
              return hay.includes(needle);
            case "startswith":
              return hay.startsWith(needle);
            case "endswith":
              return hay.endsWith(needle);
          }
        };
      }
      case "compare": {
        const left = operand(e.left), right = operand(e.right);
        const op = e.op;
        // Type-check literals once, against the first record shape we can derive from the metadata.
        const check = (a: FilterOperand, b: FilterOperand): void => {
          if (a.kind === "literal" && b.kind !== "literal") toTyped(a.literal, propertyOfOperand(b, type), model);
        };
        check(e.left, e.right);
        check(e.right, e.left);
        return (x) => {
          let l = left(x), r = right(x);
          if (e.left.kind === "literal") l = { ...l, value: toTyped(l.value as FilterLiteral, r.property, model), folded: r.folded };
          if (e.right.kind === "literal") r = { ...r, value: toTyped(r.value as FilterLiteral, l.property, model), folded: l.folded };
          const c = compareValues(l, r.value, model, r.folded);
          switch (op) {
            case "eq": return c === 0;
            case "ne": return c !== 0;
            case "gt": return c > 0;
            case "ge": return c >= 0;
            case "lt": return c < 0;
            case "le": return c <= 0;
          }
        };
      }
    }
  };
  return compile(expr);
}

function containsIgnored(expr: FilterExpr, options: FilterOptions): boolean {
  switch (expr.kind) {
    case "lambda":
      return true;
    case "in":
      return !options.schemaVersion21;
    case "and":
    case "or":
      return containsIgnored(expr.left, options) || containsIgnored(expr.right, options);
    case "not":
      return containsIgnored(expr.expr, options);
    case "compare":
    case "predicate":
    case "booleanProperty":
      return false;
  }
}

function propertyOfOperand(o: FilterOperand, type: EdmEntityType): EdmProperty | undefined {
  switch (o.kind) {
    case "property":
      return type.properties.get(o.name);
    case "literal":
      return undefined;
    case "function":
    case "substring":
      return propertyOfOperand(o.arg, type);
  }
}

const typeMismatch = (lit: FilterLiteral, property: EdmProperty): BcError =>
  new BcError(400, "BadRequest", `A binary operator with incompatible types was detected. Found operand types '${property.type.name}' and '${literalTypeName(lit)}' for property '${property.name}'.`);

function literalTypeName(lit: FilterLiteral): string {
  switch (lit.kind) {
    case "string": return "Edm.String";
    case "number": return lit.text.includes(".") ? "Edm.Decimal" : "Edm.Int32";
    case "guid": return "Edm.Guid";
    case "date": return "Edm.Date";
    case "dateTimeOffset": return "Edm.DateTimeOffset";
    case "boolean": return "Edm.Boolean";
    case "null": return "null";
    case "enum": return lit.type;
  }
}

/** Converts a literal to the stored representation of the property it is compared with (§3 literal formats). */
function toTyped(lit: FilterLiteral, property: EdmProperty | undefined, model: EdmModel): unknown {
  if (lit.kind === "null") return null;
  if (!property) return literalValue(lit);
  const t = property.type;
  if (t.kind === "enum") {
    const enumType = model.enumTypes.get(t.name);
    if (lit.kind !== "string" && lit.kind !== "enum") throw typeMismatch(lit, property);
    const raw = lit.kind === "string" ? lit.value : lit.member;
    const member = enumType ? resolveEnumMember(enumType, raw) : undefined;
    if (member === undefined) throw enumType ? enumOptionError(enumType, raw) : typeMismatch(lit, property);
    return member;
  }
  if (t.kind !== "primitive") throw typeMismatch(lit, property);
  switch (t.name) {
    case "Edm.String":
      if (lit.kind !== "string") throw typeMismatch(lit, property);
      // BC evaluates filter values against the AL field length (§3 literal formats).
      if (property.maxLength !== undefined && lit.value.length > property.maxLength) {
        throw new BcError(400, "Application_FilterErrorException", `The filter value '${lit.value}' is too long for the field '${property.name}' (maximum ${property.maxLength} characters).`);
      }
      return lit.value;
    case "Edm.Guid":
      if (lit.kind !== "guid") throw typeMismatch(lit, property);
      return lit.value;
    case "Edm.Boolean":
      if (lit.kind !== "boolean") throw typeMismatch(lit, property);
      return lit.value;
    case "Edm.Int32":
    case "Edm.Int64":
    case "Edm.Decimal":
    case "Edm.Double":
      if (lit.kind !== "number") throw typeMismatch(lit, property);
      return Number(lit.text);
    case "Edm.Date":
      if (lit.kind !== "date") throw typeMismatch(lit, property);
      return lit.value;
    case "Edm.DateTimeOffset":
      if (lit.kind === "dateTimeOffset") return lit.value;
      if (lit.kind === "date") return `${lit.value}T00:00:00Z`;
      throw typeMismatch(lit, property);
    case "Edm.TimeOfDay":
    case "Edm.Duration":
    case "Edm.Binary":
    case "Edm.Stream":
      if (lit.kind !== "string") throw typeMismatch(lit, property);
      return lit.value;
  }
}

function literalValue(lit: FilterLiteral): unknown {
  switch (lit.kind) {
    case "string": case "guid": case "date": case "dateTimeOffset":
      return lit.value;
    case "number":
      return Number(lit.text);
    case "boolean":
      return lit.value;
    case "null":
      return null;
    case "enum":
      return lit.member;
  }
}

/** Total order used by comparisons and `$orderby`: enums by member value, date-times by instant. */
export function compareValues(left: Value, right: unknown, model: EdmModel, folded = false): number {
  const a = left.value;
  const t = left.property?.type;
  if (a === right) return 0;
  if (a === null || a === undefined) return -1;
  if (right === null || right === undefined) return 1;
  if (t?.kind === "enum") {
    const members = model.enumTypes.get(t.name)?.members ?? [];
    const av = members.find((m) => m.name === a)?.value ?? 0;
    const bv = members.find((m) => m.name === right)?.value ?? 0;
    return av - bv;
  }
  if (t?.kind === "primitive" && t.name === "Edm.DateTimeOffset") return Date.parse(String(a)) - Date.parse(String(right));
  if (typeof a === "number" && typeof right === "number") return a - right;
  if (typeof a === "boolean" && typeof right === "boolean") return Number(a) - Number(right);
  let x = String(a), y = String(right);
  if (folded || left.folded) { x = x.toLowerCase(); y = y.toLowerCase(); }
  return x < y ? -1 : x > y ? 1 : 0;
}
