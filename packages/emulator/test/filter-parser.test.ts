import { describe, expect, it } from "vitest";
import { BcError } from "../src/bc/http/bc-error.js";
import { parseFilter } from "../src/bc/odata/filter-parser.js";

describe("§3 $filter parser (BC's subset)", () => {
  const cases: [string, unknown][] = [
    ["number eq '10000'", { kind: "compare", op: "eq", left: { kind: "property", name: "number" }, right: { kind: "literal", literal: { kind: "string", value: "10000" } } }],
    ["displayName eq 'O''Brien'", { kind: "compare", right: { kind: "literal", literal: { kind: "string", value: "O'Brien" } } }],
    ["customerId eq 33C2A0B4-1D2E-4F5A-8B9C-0D1E2F3A4B5C", { right: { literal: { kind: "guid", value: "33c2a0b4-1d2e-4f5a-8b9c-0d1e2f3a4b5c" } } }],
    ["orderDate ge 2019-05-01", { op: "ge", right: { literal: { kind: "date", value: "2019-05-01" } } }],
    ["lastModifiedDateTime gt 2019-08-18T20:05:51.603Z", { op: "gt", right: { literal: { kind: "dateTimeOffset", value: "2019-08-18T20:05:51.603Z" } } }],
    ["totalAmountExcludingTax gt 1000.00", { right: { literal: { kind: "number", text: "1000.00" } } }],
    ["balance lt -5", { op: "lt", right: { literal: { kind: "number", text: "-5" } } }],
    ["taxLiable eq true", { right: { literal: { kind: "boolean", value: true } } }],
    ["type eq Microsoft.NAV.contactType'Person'", { right: { literal: { kind: "enum", type: "Microsoft.NAV.contactType", member: "Person" } } }],
    ["a eq 'x' and b ne 'y'", { kind: "and", left: { kind: "compare", op: "eq" }, right: { kind: "compare", op: "ne" } }],
    ["a eq 'x' or a eq 'y' and b eq 'z'", { kind: "or", right: { kind: "and" } }],
    ["(a eq 'x' or a eq 'y') and b eq 'z'", { kind: "and", left: { kind: "or" } }],
    ["not (a eq 'x')", { kind: "not", expr: { kind: "compare" } }],
    ["contains(displayName,'Ad')", { kind: "predicate", name: "contains", target: { kind: "property", name: "displayName" } }],
    ["startswith(tolower(displayName), 'ad')", { kind: "predicate", name: "startswith", target: { kind: "function", name: "tolower" } }],
    ["toupper(city) eq 'ATLANTA'", { kind: "compare", left: { kind: "function", name: "toupper", arg: { kind: "property", name: "city" } } }],
    ["substring(number,1,2) eq '00'", { left: { kind: "substring", start: 1, length: 2 } }],
    ["number in ('10000','20000')", { kind: "in", values: [{ kind: "string", value: "10000" }, { kind: "string", value: "20000" }] }],
    ["salesOrderLines/any(l:l/quantity gt 1)", { kind: "lambda" }],
    ["blocked", { kind: "booleanProperty", name: "blocked" }],
  ];
  it.each(cases)("%s", (text, shape) => {
    expect(parseFilter(text)).toMatchObject(shape as object);
  });

  const errors = ["number eq", "number eq 'open", "eq 'x'", "a eq 'x' b", "foo(a) eq 1", "(a eq 'x'"];
  it.each(errors)("rejects %s with a 400 BcError", (text) => {
    try {
      parseFilter(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(BcError);
      expect((e as BcError).status).toBe(400);
    }
  });
});

describe("§3 [UNK] boolean string functions compared with true/false (booleanFunctionComparison)", () => {
  const sw = { kind: "predicate", name: "startswith", target: { kind: "property", name: "displayName" }, value: { kind: "literal", literal: { kind: "string", value: "A" } } };
  const accepted: [string, unknown][] = [
    ["startswith(displayName,'A') eq true", sw],
    ["(startswith(displayName,'A') eq true)", sw],
    ["startswith(displayName,'A') ne false", sw],
    ["startswith(displayName,'A') eq false", { kind: "not", expr: sw }],
    ["(startswith(displayName,'A') ne true)", { kind: "not", expr: sw }],
    ["contains(displayName,'A') eq false", { kind: "not", expr: { kind: "predicate", name: "contains" } }],
    ["endswith(displayName,'A') eq true", { kind: "predicate", name: "endswith" }],
    ["startswith(tolower(displayName),'a') eq true", { kind: "predicate", target: { kind: "function", name: "tolower" } }],
    ["(startswith(displayName,'A') eq true) and (contains(displayName,'x') eq false)", { kind: "and", left: sw, right: { kind: "not", expr: { kind: "predicate", name: "contains" } } }],
    ["number eq '1' or endswith(number,'0') eq true", { kind: "or", left: { kind: "compare" }, right: { kind: "predicate", name: "endswith" } }],
    ["not (startswith(displayName,'A') eq true)", { kind: "not", expr: sw }],
  ];
  it.each(accepted)("accept: %s", (text, shape) => {
    expect(parseFilter(text, { booleanFunctionComparison: "accept" })).toMatchObject(shape as object);
  });

  const syntaxError = (text: string, options?: Parameters<typeof parseFilter>[1]): BcError => {
    try {
      parseFilter(text, options);
    } catch (e) {
      expect(e).toBeInstanceOf(BcError);
      return e as BcError;
    }
    return expect.unreachable(`parsed: ${text}`);
  };

  // Positions: `startswith(displayName,'A')` is 27 characters, so the operator sits at 28 and its operand at 31.
  const acceptErrors: [string, string][] = [
    ["startswith(displayName,'A') eq 'x'", "Expected true or false after 'startswith(...) eq' at position 31 in"],
    ["startswith(displayName,'A') eq 1", "Expected true or false after 'startswith(...) eq' at position 31 in"],
    ["startswith(displayName,'A') eq", "Expected true or false after 'startswith(...) eq' at position 30 in"],
    ["startswith(displayName,'A') gt true", "Only 'eq true', 'eq false', 'ne true' or 'ne false' may follow startswith(...); found 'gt' at position 28 in"],
    ["(contains(displayName,'A') le false)", "found 'le' at position 27 in"],
    ["startswith(displayName,'A') eq true eq true", "Unexpected token at position 36 in"],
  ];
  it.each(acceptErrors)("accept still rejects %s with BC's query-syntax error naming the position", (text, message) => {
    const e = syntaxError(text, { booleanFunctionComparison: "accept" });
    expect(e).toMatchObject({ status: 400, code: "BadRequest" });
    expect(e.message).toContain(`Bad Request - Error in query syntax. `);
    expect(e.message).toContain(message);
    expect(e.message).not.toContain("booleanFunctionComparison");
  });

  // Today's messages, unchanged up to the added hint.
  const rejected: [string, string][] = [
    ["(startswith(displayName,'A') eq true)", "Expected ')' at position 29 in '(startswith(displayName,'A') eq true)'."],
    ["startswith(displayName,'A') eq true", "Unexpected token at position 28 in 'startswith(displayName,'A') eq true'."],
    ["contains(displayName,'A') ne false", "Unexpected token at position 26 in 'contains(displayName,'A') ne false'."],
    ["a eq 'x' and (endswith(displayName,'A') eq false)", "Expected ')' at position 40 in 'a eq 'x' and (endswith(displayName,'A') eq false)'."],
  ];
  describe.each([
    ["default", undefined],
    ["reject", { booleanFunctionComparison: "reject" as const }],
  ])("%s", (_, options) => {
    it.each(rejected)("rejects %s with BC's error plus a hint to switch", (text, message) => {
      const e = syntaxError(text, options);
      expect(e).toMatchObject({ status: 400, code: "BadRequest" });
      expect(e.message.startsWith(`Bad Request - Error in query syntax. ${message} `)).toBe(true);
      expect(e.message).toContain(`booleanFunctionComparison: "accept"`);
    });
    it.each(["startswith(displayName,'A') eq 'x'", "startswith(displayName,'A') gt true", "a eq 'x' b"])("gives no hint where accepting would not help: %s", (text) => {
      expect(syntaxError(text, options).message).not.toContain("booleanFunctionComparison");
    });
    it("still parses the plain predicate", () => {
      expect(parseFilter("startswith(displayName,'A')", options)).toEqual(sw);
    });
  });
});
