import { dialectOf, type EntityTypeDescriptor, type RouteDialect } from "../model/descriptors.js";
import { adaptFilter } from "./adapt-filter.js";
import { ODataQueryError } from "../errors/odata-query-error.js";
import { fieldOperands } from "./field-operand.js";
import { FilterExpression } from "./filter-expression.js";
import { EMPTY_QUERY, type ExpandNode, type FilterNode, type OrderByNode, type QueryNode } from "./nodes.js";

/** The untyped shape of query options as they arrive at runtime. */
export interface RuntimeQueryOptions {
  readonly select?: readonly string[];
  readonly filter?: ((f: never) => FilterExpression<string>) | FilterExpression<string>;
  readonly orderBy?: readonly string[];
  readonly top?: number;
  readonly skip?: number;
  readonly count?: boolean;
  readonly expand?: Readonly<Record<string, true | RuntimeQueryOptions | undefined>>;
}

/**
 * Turns user options into a frozen `QueryNode`, resolving filter callbacks against the entity type and
 * fitting filters to the type's dialect (`adaptFilter`). `dialect` is for targets whose module was not
 * imported (their parent's dialect); otherwise the type's own applies.
 *
 * @example
 * toQueryNode(customerType, { select: ["number"], orderBy: ["displayName desc"] })
 * // { kind: "query", select: ["number"], orderBy: [{ kind: "orderBy", property: "displayName", direction: "desc" }], … }
 */
export function toQueryNode(type: EntityTypeDescriptor | undefined, options: RuntimeQueryOptions | undefined, dialect: RouteDialect = dialectOf(type)): QueryNode {
  if (options === undefined) return EMPTY_QUERY;
  return Object.freeze({
    kind: "query",
    select: options.select === undefined ? undefined : Object.freeze(options.select.map(toIdentifier)),
    filter: options.filter === undefined ? undefined : adaptFilter(toFilterNode(type, options.filter), type === undefined ? dialect : dialectOf(type)),
    orderBy: options.orderBy === undefined ? undefined : Object.freeze(options.orderBy.map(toOrderBy)),
    top: options.top,
    skip: options.skip,
    count: options.count,
    expand: options.expand === undefined ? undefined : Object.freeze(toExpand(type, options.expand, type === undefined ? dialect : dialectOf(type))),
  });
}

function toFilterNode(type: EntityTypeDescriptor | undefined, filter: NonNullable<RuntimeQueryOptions["filter"]>): FilterNode {
  if (filter instanceof FilterExpression) return filter.node;
  if (type === undefined) {
    throw new ODataQueryError("A filter callback inside $expand needs the target entity type, whose module was not imported.", "Import the generated module of the navigation target, or pass unsafeRawFilter(...).");
  }
  const result = (filter as (f: unknown) => unknown)(fieldOperands(type.properties));
  if (!(result instanceof FilterExpression)) {
    throw new ODataQueryError("The filter callback did not return a filter expression.", "Return e.g. f.displayName.eq(\"Adatum\").");
  }
  return result.node;
}

const IDENTIFIER = /^[\p{L}\p{N}_]+$/u;

function toIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new ODataQueryError(`Invalid property name ${JSON.stringify(name)} in select.`, "Select property names as the generated types spell them, e.g. [\"number\", \"displayName\"].");
  return name;
}

function toOrderBy(item: string): OrderByNode {
  const match = /^([\p{L}\p{N}_]+)(?: (asc|desc))?$/u.exec(item);
  if (!match) throw new ODataQueryError(`Invalid orderBy item ${JSON.stringify(item)}.`, 'Use "field", "field asc" or "field desc".');
  return { kind: "orderBy", property: match[1]!, direction: match[2] === "desc" ? "desc" : "asc" };
}

function toExpand(type: EntityTypeDescriptor | undefined, expand: NonNullable<RuntimeQueryOptions["expand"]>, dialect: RouteDialect): ExpandNode[] {
  const nodes: ExpandNode[] = [];
  for (const [navigation, nested] of Object.entries(expand)) {
    if (nested === undefined) continue;
    const descriptor = type?.navigation[navigation];
    if (type !== undefined && descriptor === undefined) {
      throw new ODataQueryError(`${type.name} has no navigation property "${navigation}".`, `Expand one of: ${Object.keys(type.navigation).join(", ") || "(none)"}.`);
    }
    const target = descriptor === undefined ? undefined : type?.registry.resolve(descriptor.target);
    nodes.push({ kind: "expand", navigation, query: toQueryNode(target, nested === true ? undefined : nested, dialect) });
  }
  return nodes;
}
