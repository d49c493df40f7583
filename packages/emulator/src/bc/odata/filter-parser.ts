import { bcErrors } from "../http/bc-error.js";
import type { CompareOperator, FilterExpr, FilterLiteral, FilterOperand } from "./filter-ast.js";

/**
 * What to do with `startswith(displayName,'A') eq true` (and `contains`/`endswith`, `eq`/`ne`, `true`/`false`).
 * OData allows it (the SAP Cloud SDK generator emits it); whether BC does is [UNK] (fact sheet §3 is silent).
 * - `"reject"`: 400 query-syntax error, as for any token BC's subset does not expect, with a hint on switching.
 * - `"accept"`: `eq true`/`ne false` mean the predicate, `eq false`/`ne true` its negation.
 */
export type BooleanFunctionComparison = "reject" | "accept";

export interface FilterParseOptions {
  /** Default "reject". */
  readonly booleanFunctionComparison?: BooleanFunctionComparison;
}

const booleanComparisonHint =
  "The emulator rejects comparing contains/startswith/endswith with true or false because it is unknown whether Business Central accepts it; " +
  `to allow it, start the emulator with the option booleanFunctionComparison: "accept" (startEmulator({ bc: { booleanFunctionComparison: "accept" } })).`;

type Token =
  | { readonly kind: "open" | "close" | "comma" | "colon"; readonly pos: number }
  | { readonly kind: "ident"; readonly text: string; readonly pos: number }
  | { readonly kind: "literal"; readonly literal: FilterLiteral; readonly pos: number };

const guid = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/;
const date = /^\d{4}-\d{2}-\d{2}/;
const numberRe = /^-?\d+(\.\d+)?([eE][+-]?\d+)?[mMdDfFlL]?/;
const ident = /^[A-Za-z_$][\w.$]*(\/[A-Za-z_][\w.]*)*/;
const compareOps = new Set<string>(["eq", "ne", "gt", "ge", "lt", "le"]);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === "(") { tokens.push({ kind: "open", pos: i++ }); continue; }
    if (ch === ")") { tokens.push({ kind: "close", pos: i++ }); continue; }
    if (ch === ",") { tokens.push({ kind: "comma", pos: i++ }); continue; }
    if (ch === ":") { tokens.push({ kind: "colon", pos: i++ }); continue; }
    if (ch === "'") {
      const { value, end } = readQuoted(text, i);
      tokens.push({ kind: "literal", literal: { kind: "string", value }, pos: i });
      i = end;
      continue;
    }
    const rest = text.slice(i);
    let m: RegExpExecArray | null;
    if ((m = guid.exec(rest))) {
      tokens.push({ kind: "literal", literal: { kind: "guid", value: m[0].toLowerCase() }, pos: i });
    } else if ((m = dateTime.exec(rest))) {
      tokens.push({ kind: "literal", literal: { kind: "dateTimeOffset", value: m[0] }, pos: i });
    } else if ((m = date.exec(rest))) {
      tokens.push({ kind: "literal", literal: { kind: "date", value: m[0] }, pos: i });
    } else if ((m = numberRe.exec(rest))) {
      tokens.push({ kind: "literal", literal: { kind: "number", text: m[0].replace(/[mMdDfFlL]$/, "") }, pos: i });
    } else if ((m = ident.exec(rest))) {
      const word = m[0];
      if (text[i + word.length] === "'" && word.includes(".")) {
        // Qualified enum literal: Microsoft.NAV.contactType'Person'
        const { value, end } = readQuoted(text, i + word.length);
        tokens.push({ kind: "literal", literal: { kind: "enum", type: word, member: value }, pos: i });
        i = end;
        continue;
      }
      if (word === "true" || word === "false") tokens.push({ kind: "literal", literal: { kind: "boolean", value: word === "true" }, pos: i });
      else if (word === "null") tokens.push({ kind: "literal", literal: { kind: "null" }, pos: i });
      else tokens.push({ kind: "ident", text: word, pos: i });
    } else {
      throw bcErrors.querySyntax(`Syntax error at position ${i} in '${text}'.`);
    }
    i += m[0].length;
  }
  return tokens;
}

function readQuoted(text: string, start: number): { value: string; end: number } {
  let value = "";
  let i = start + 1;
  for (;;) {
    if (i >= text.length) throw bcErrors.querySyntax(`There is an unterminated string literal at position ${start} in '${text}'.`);
    if (text[i] === "'") {
      if (text[i + 1] === "'") { value += "'"; i += 2; continue; }
      return { value, end: i + 1 };
    }
    value += text[i++];
  }
}

/**
 * Parses BC's `$filter` subset: eq ne gt ge lt le, and/or/not, contains/startswith/endswith,
 * tolower/toupper/trim/substring, `in (...)`, and lambdas (parsed only so they can be ignored).
 */
export function parseFilter(text: string, options: FilterParseOptions = {}): FilterExpr {
  const booleanFunctionComparison = options.booleanFunctionComparison ?? "reject";
  const tokens = tokenize(text);
  let pos = 0;
  // Token index of an `eq true` that "accept" would have taken; a failure there gets the hint.
  let rejectedComparisonAt: number | undefined;
  const peek = (): Token | undefined => tokens[pos];
  const fail = (what: string): never => {
    const at = peek()?.pos ?? text.length;
    const hint = pos === rejectedComparisonAt ? ` ${booleanComparisonHint}` : "";
    throw bcErrors.querySyntax(`${what} at position ${at} in '${text}'.${hint}`);
  };
  const expect = (kind: "open" | "close" | "comma"): void => {
    if (peek()?.kind !== kind) fail(`Expected '${kind === "open" ? "(" : kind === "close" ? ")" : ","}'`);
    pos++;
  };
  const isWord = (word: string): boolean => {
    const t = peek();
    return t?.kind === "ident" && t.text === word;
  };

  const parseOr = (): FilterExpr => {
    let left = parseAnd();
    while (isWord("or")) { pos++; left = { kind: "or", left, right: parseAnd() }; }
    return left;
  };
  const parseAnd = (): FilterExpr => {
    let left = parseNot();
    while (isWord("and")) { pos++; left = { kind: "and", left, right: parseNot() }; }
    return left;
  };
  const parseNot = (): FilterExpr => {
    if (isWord("not")) { pos++; return { kind: "not", expr: parseNot() }; }
    return parseComparison();
  };
  const parseComparison = (): FilterExpr => {
    const t = peek();
    if (t?.kind === "open") {
      pos++;
      const inner = parseOr();
      expect("close");
      return inner;
    }
    if (t?.kind === "ident") {
      const fn = t.text;
      if (/\/(any|all)$/.test(fn) && tokens[pos + 1]?.kind === "open") return skipLambda();
      if ((fn === "contains" || fn === "startswith" || fn === "endswith") && tokens[pos + 1]?.kind === "open") {
        pos += 2;
        const target = parseOperand();
        expect("comma");
        const value = parseOperand();
        expect("close");
        return comparedWithBoolean({ kind: "predicate", name: fn, target, value });
      }
    }
    const left = parseOperand();
    const op = peek();
    if (op?.kind === "ident" && compareOps.has(op.text)) {
      pos++;
      return { kind: "compare", op: op.text as CompareOperator, left, right: parseOperand() };
    }
    if (op?.kind === "ident" && op.text === "in") {
      pos++;
      expect("open");
      const values: FilterLiteral[] = [];
      for (;;) {
        const v = peek();
        if (v?.kind !== "literal") fail("Expected a literal");
        values.push((v as Extract<Token, { kind: "literal" }>).literal);
        pos++;
        if (peek()?.kind === "comma") { pos++; continue; }
        break;
      }
      expect("close");
      return { kind: "in", operand: left, values };
    }
    if (left.kind === "property") return { kind: "booleanProperty", name: left.name };
    return fail("Expected a comparison operator");
  };
  /** `startswith(x,'A') eq false` → `not startswith(x,'A')` (with "accept"); the evaluator needs nothing new. */
  const comparedWithBoolean = (predicate: Extract<FilterExpr, { kind: "predicate" }>): FilterExpr => {
    const op = peek();
    if (op?.kind !== "ident" || !compareOps.has(op.text)) return predicate;
    const next = tokens[pos + 1];
    const boolean = next?.kind === "literal" && next.literal.kind === "boolean" ? next.literal.value : undefined;
    const equality = op.text === "eq" || op.text === "ne";
    if (booleanFunctionComparison === "reject") {
      // The tokens still fail where they always did (same message as before); only the hint is added.
      if (equality && boolean !== undefined) rejectedComparisonAt = pos;
      return predicate;
    }
    if (!equality) return fail(`Only 'eq true', 'eq false', 'ne true' or 'ne false' may follow ${predicate.name}(...); found '${op.text}'`);
    pos++;
    if (boolean === undefined) return fail(`Expected true or false after '${predicate.name}(...) ${op.text}'`);
    pos++;
    return boolean === (op.text === "eq") ? predicate : { kind: "not", expr: predicate };
  };
  const parseOperand = (): FilterOperand => {
    const t = peek();
    if (!t) return fail("Unexpected end of expression");
    if (t.kind === "literal") { pos++; return { kind: "literal", literal: t.literal }; }
    if (t.kind !== "ident") return fail("Expected a property or literal");
    pos++;
    if (peek()?.kind !== "open") return { kind: "property", name: t.text };
    pos++;
    if (t.text === "tolower" || t.text === "toupper" || t.text === "trim") {
      const arg = parseOperand();
      expect("close");
      return { kind: "function", name: t.text, arg };
    }
    if (t.text === "substring") {
      const arg = parseOperand();
      expect("comma");
      const start = readInt();
      let length: number | undefined;
      if (peek()?.kind === "comma") { pos++; length = readInt(); }
      expect("close");
      return { kind: "substring", arg, start, length };
    }
    return fail(`Unknown function '${t.text}'`);
  };
  const readInt = (): number => {
    const t = peek();
    if (t?.kind !== "literal" || t.literal.kind !== "number") return fail("Expected an integer");
    pos++;
    return Number((t.literal as { text: string }).text);
  };
  const skipLambda = (): FilterExpr => {
    const start = peek()!.pos;
    pos++;
    let depth = 0;
    do {
      const t = peek();
      if (!t) fail("Unbalanced parentheses");
      if (t!.kind === "open") depth++;
      if (t!.kind === "close") depth--;
      pos++;
    } while (depth > 0);
    const end = tokens[pos - 1]!.pos + 1;
    return { kind: "lambda", text: text.slice(start, end) };
  };

  const expr = parseOr();
  if (pos < tokens.length) fail("Unexpected token");
  return expr;
}
