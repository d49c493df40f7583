import { describe, expect, it } from "vitest";
import { encodeLiteral, encodeKey, ODataQueryError, type PropertyKind } from "../src/index.js";
import { customerType } from "./fixtures/api-model.js";
import { customerCardType, salesOrderV4Type } from "./fixtures/odatav4-model.js";

describe("encodeLiteral: accepted values", () => {
  const table: Array<[PropertyKind, unknown, string]> = [
    ["Edm.String", "Adatum", "'Adatum'"],
    ["Edm.String", "O'Brien", "'O''Brien'"],
    ["Edm.String", "'", "''''"],
    ["Edm.String", "''", "''''''"],
    ["Edm.String", "x' or 1 eq 1 or name eq '", "'x'' or 1 eq 1 or name eq '''"],
    ["Edm.String", "a') or (b eq 'c", "'a'') or (b eq ''c'"],
    ["Edm.String", "", "''"],
    ["Edm.String", "50% & more #1 + ?", "'50% & more #1 + ?'"],
    ["Edm.String", "line\nbreak", "'line\nbreak'"],
    ["Edm.String", null, "null"],
    ["Edm.Guid", "5D115C9C-44E3-EA11-BB43-000D3A2FECA1", "5d115c9c-44e3-ea11-bb43-000d3a2feca1"],
    ["Edm.Guid", "00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000"],
    ["Edm.Boolean", true, "true"],
    ["Edm.Boolean", false, "false"],
    ["Edm.Int32", -2147483648, "-2147483648"],
    ["Edm.Int64", 9007199254740991n * 10n, "90071992547409910"],
    ["Edm.Int64", "-123", "-123"],
    ["Edm.Decimal", 1000, "1000"],
    ["Edm.Decimal", 77.28, "77.28"],
    ["Edm.Decimal", "1000.00", "1000.00"],
    ["Edm.Decimal", 1e-7, "0.0000001"],
    ["Edm.Decimal", 1e21, "1000000000000000000000"],
    ["Edm.Double", -0.5, "-0.5"],
    ["Edm.Date", "2024-02-29", "2024-02-29"],
    ["Edm.Date", new Date("2024-01-31T23:00:00Z"), "2024-01-31"],
    ["Edm.DateTimeOffset", "2019-08-18T20:05:51.603Z", "2019-08-18T20:05:51.603Z"],
    ["Edm.DateTimeOffset", "2019-08-18T20:05:51+02:00", "2019-08-18T20:05:51+02:00"],
    ["Edm.DateTimeOffset", new Date(Date.UTC(2020, 0, 1)), "2020-01-01T00:00:00.000Z"],
    ["Edm.TimeOfDay", "13:45:00", "13:45:00"],
    ["Edm.Duration", "P1DT2H", "duration'P1DT2H'"],
    ["Edm.Binary", new Uint8Array([251, 255]), "binary'-_8'"],
    ["enum", "Open", "'Open'"],
    ["enum", "Credit_x0020_Memo", "'Credit_x0020_Memo'"],
    ["enum", "_x0020_", "'_x0020_'"],
  ];
  it.each(table)("%s %s → %s", (kind, value, want) => {
    expect(encodeLiteral(kind, value)).toBe(want);
  });
});

describe("encodeLiteral: rejected values (no clause can be injected)", () => {
  const table: Array<[PropertyKind, unknown]> = [
    ["Edm.Guid", "5d115c9c-44e3-ea11-bb43-000d3a2feca1 or 1 eq 1"],
    ["Edm.Guid", "5d115c9c44e3ea11bb43000d3a2feca1"],
    ["Edm.Guid", "{5d115c9c-44e3-ea11-bb43-000d3a2feca1}"],
    ["Edm.Guid", 42],
    ["Edm.Decimal", "1 or 1 eq 1"],
    ["Edm.Decimal", "1e5"],
    ["Edm.Decimal", Number.NaN],
    ["Edm.Decimal", Number.POSITIVE_INFINITY],
    ["Edm.Decimal", "0x10"],
    ["Edm.Int32", 1.5],
    ["Edm.Int32", 2147483648],
    ["Edm.Int32", "1"],
    ["Edm.Int64", "1 or true"],
    ["Edm.Int64", 2 ** 60],
    ["Edm.Date", "2023-02-29"],
    ["Edm.Date", "2024-13-01"],
    ["Edm.Date", "2024-01-01 or x eq 1"],
    ["Edm.Date", "2024-01-01T00:00:00Z"],
    ["Edm.Date", new Date("nope")],
    ["Edm.DateTimeOffset", "2019-08-18T20:05:51"],
    ["Edm.DateTimeOffset", "2019-08-18T25:05:51Z"],
    ["Edm.DateTimeOffset", "'2019-08-18T20:05:51Z'"],
    ["Edm.DateTimeOffset", "2019-08-18T20:05:51Z) or (a eq 1"],
    ["Edm.Boolean", "true"],
    ["Edm.TimeOfDay", "24:00:00"],
    ["Edm.Duration", "P"],
    ["Edm.Duration", "P1D' or 'a"],
    ["enum", "Credit Memo"],
    ["enum", "Open' or status eq 'Draft"],
    ["enum", ""],
    ["Edm.String", 5],
    ["Edm.String", undefined],
    ["Edm.Stream", "x"],
    ["complex", {}],
  ];
  it.each(table)("%s %s is rejected", (kind, value) => {
    expect(() => encodeLiteral(kind, value, "field")).toThrow(ODataQueryError);
  });

  it("names the field and the expected form", () => {
    expect(() => encodeLiteral("Edm.Guid", "nope", "id")).toThrow(/Invalid Edm.Guid literal "nope" for "id"\. Expected 8-4-4-4-12 hex digits/);
  });
});

describe("encodeKey", () => {
  const table: Array<[string, Parameters<typeof encodeKey>[0], unknown, string]> = [
    ["guid", customerType, "5D115C9C-44E3-EA11-BB43-000D3A2FECA1", "(5d115c9c-44e3-ea11-bb43-000d3a2feca1)"],
    ["guid in object", customerType, { id: "5d115c9c-44e3-ea11-bb43-000d3a2feca1" }, "(5d115c9c-44e3-ea11-bb43-000d3a2feca1)"],
    ["string", customerCardType, "10000", "('10000')"],
    ["string with quote, space, ampersand", customerCardType, "O'Neil & Co", "('O''Neil%20%26%20Co')"],
    ["string with slash and hash", customerCardType, "a/b#c?d", "('a%2Fb%23c%3Fd')"],
    ["string with parenthesis", customerCardType, "x')/delete(", "('x'')%2Fdelete(')"],
    ["composite", salesOrderV4Type, { Document_Type: "Order", No: "101005" }, "(Document_Type='Order',No='101005')"],
    ["composite with comma", salesOrderV4Type, { Document_Type: "Blanket_x0020_Order", No: "A,B" }, "(Document_Type='Blanket_x0020_Order',No='A%2CB')"],
  ];
  it.each(table)("%s", (_, type, key, want) => {
    expect(encodeKey(type, key)).toBe(want);
  });

  it.each([
    ["guid key with injection", customerType, "5d115c9c-44e3-ea11-bb43-000d3a2feca1)/x("],
    ["composite key missing a part", salesOrderV4Type, { No: "1" }],
    ["composite key as a string", salesOrderV4Type, "1"],
    ["enum part with a space", salesOrderV4Type, { Document_Type: "Blanket Order", No: "1" }],
  ] as const)("rejects %s", (_, type, key) => {
    expect(() => encodeKey(type, key)).toThrow(ODataQueryError);
  });
});
