import { bcErrors } from "../http/bc-error.js";
import type { FilterExpr } from "./filter-ast.js";
import { parseFilter, type FilterParseOptions } from "./filter-parser.js";

export interface OrderByItem {
  readonly property: string;
  readonly descending: boolean;
}

export interface ExpandItem {
  readonly navigation: string;
  readonly options: QueryOptions;
}

/** System query options of one request level (top level or inside `$expand=x(...)`). */
export interface QueryOptions {
  readonly filter: FilterExpr | undefined;
  readonly select: readonly string[] | undefined;
  readonly expand: readonly ExpandItem[];
  readonly orderBy: readonly OrderByItem[];
  readonly top: number | undefined;
  readonly skip: number | undefined;
  readonly count: boolean;
}

export const emptyQueryOptions: QueryOptions = { filter: undefined, select: undefined, expand: [], orderBy: [], top: undefined, skip: undefined, count: false };

/** Splits on `sep` at parenthesis depth 0, outside quoted strings: `a($select=x,y),b` → [`a($select=x,y)`, `b`]. */
export function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0, quoted = false, start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") quoted = !quoted;
    else if (!quoted && ch === "(") depth++;
    else if (!quoted && ch === ")") depth--;
    else if (!quoted && depth === 0 && ch === sep) { parts.push(text.slice(start, i)); start = i + 1; }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

function nonNegativeInt(name: string, value: string): number {
  if (!/^\d+$/.test(value.trim())) throw bcErrors.querySyntax(`Invalid value '${value}' for ${name}; expected a non-negative integer.`);
  return Number(value.trim());
}

/**
 * Parses options given as name → raw value (already percent-decoded). Unknown `$` options are rejected.
 * `settings` carries the server's `$filter` switches, e.g. `{ booleanFunctionComparison: "accept" }`.
 */
export function parseQueryOptions(raw: ReadonlyMap<string, string>, settings: FilterParseOptions): QueryOptions {
  let options: QueryOptions = emptyQueryOptions;
  for (const [name, value] of raw) {
    switch (name) {
      case "$filter":
        options = { ...options, filter: parseFilter(value, settings) };
        break;
      case "$select":
        options = { ...options, select: splitTopLevel(value, ",").filter((s) => s !== "*") };
        break;
      case "$expand":
        options = { ...options, expand: splitTopLevel(value, ",").map((item) => parseExpandItem(item, settings)) };
        break;
      case "$orderby":
        options = {
          ...options,
          orderBy: splitTopLevel(value, ",").map((item) => {
            const [property = "", dir, extra] = item.split(/\s+/);
            if (extra !== undefined || (dir !== undefined && dir !== "asc" && dir !== "desc")) throw bcErrors.querySyntax(`Invalid $orderby item '${item}'.`);
            return { property, descending: dir === "desc" };
          }),
        };
        break;
      case "$top":
        options = { ...options, top: nonNegativeInt("$top", value) };
        break;
      case "$skip":
        options = { ...options, skip: nonNegativeInt("$skip", value) };
        break;
      case "$count":
        if (value !== "true" && value !== "false") throw bcErrors.querySyntax(`Invalid value '${value}' for $count.`);
        options = { ...options, count: value === "true" };
        break;
      case "$format":
        // §2.2: only lowercase `json` works.
        if (value !== "json") throw bcErrors.querySyntax(`The $format value '${value}' is not supported; use 'json'.`);
        break;
      case "$skiptoken":
      case "$schemaversion":
      case "company":
      case "tenant":
        break;
      default:
        if (name.startsWith("$")) throw bcErrors.querySyntax(`The query parameter '${name}' is not supported.`);
    }
  }
  return options;
}

function parseExpandItem(item: string, settings: FilterParseOptions): ExpandItem {
  const open = item.indexOf("(");
  if (open < 0) return { navigation: item, options: emptyQueryOptions };
  if (!item.endsWith(")")) throw bcErrors.querySyntax(`Invalid $expand item '${item}'.`);
  const navigation = item.slice(0, open).trim();
  const inner = new Map<string, string>();
  for (const part of splitTopLevel(item.slice(open + 1, -1), ";")) {
    const eq = part.indexOf("=");
    if (eq < 0) throw bcErrors.querySyntax(`Invalid nested option '${part}' in $expand.`);
    inner.set(part.slice(0, eq).trim(), part.slice(eq + 1));
  }
  return { navigation, options: parseQueryOptions(inner, settings) };
}
