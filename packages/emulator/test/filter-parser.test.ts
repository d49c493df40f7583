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
