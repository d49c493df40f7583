import { describe, expect, it } from "vitest";
import { LosslessNumber, parseLosslessJson } from "../src/values/lossless-json.js";

/** Replaces LosslessNumbers by `#text` so cases compare with plain objects. */
const show = (value: unknown): unknown =>
  value instanceof LosslessNumber ? `#${value.text}` : Array.isArray(value) ? value.map(show) : value !== null && typeof value === "object" ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, show(v)])) : value;

describe("parseLosslessJson", () => {
  it.each([
    ["digits beyond a double", '{"amount":12345678901234567.89}', { amount: "#12345678901234567.89" }],
    ["trailing zeros kept", '{"unitPrice":1000.00,"quantity":3}', { unitPrice: "#1000.00", quantity: "#3" }],
    ["Int64 above 2^53", '{"entryNo":9007199254740993}', { entryNo: "#9007199254740993" }],
    ["exponent and negative", "[-0.5e-3,0]", ["#-0.5e-3", "#0"]],
    ["escapes and unicode", '{"name":"O\\"Neil \\u00e6 \\n","k\\u0065y":true}', { name: 'O"Neil æ \n', key: true }],
    ["nesting, null, false, whitespace", ' { "a" : [ { "b" : null } , false ] } ', { a: [{ b: null }, false] }],
    ["empty containers", '{"value":[],"x":{}}', { value: [], x: {} }],
  ])("%s", (_, text, expected) => {
    expect(show(parseLosslessJson(text))).toEqual(expected);
  });

  it("agrees with JSON.parse on everything but number precision (a real BC page)", () => {
    const text = JSON.stringify({ "@odata.context": "https://x/$metadata#customers", value: [{ "@odata.etag": 'W/"JzE5OzE="', id: "5d115c9c-44e3-ea11-bb43-000d3a2feca1", displayName: "Adatum \u00e9 \"Ltd\"", balanceDue: 1.5, blocked: "_x0020_", lines: [] }] });
    const plain = (v: unknown): unknown => (v instanceof LosslessNumber ? Number(v.text) : Array.isArray(v) ? v.map(plain) : v !== null && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)])) : v);
    expect(plain(parseLosslessJson(text))).toEqual(JSON.parse(text));
  });

  it("keeps a __proto__ key as data, as JSON.parse does", () => {
    const value = parseLosslessJson('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it.each([
    ["truncated object", '{"a":1', /offset 6: expected "," or "}"/],
    ["trailing text", '{"a":1} x', /offset 8: unexpected text/],
    ["leading zero", "01", /offset 1: unexpected text/],
    ["unterminated string", '{"a":"abc', /unterminated string/],
    ["control character in a string", '"a\u0001b"', /invalid string escape or control character/],
    ["bare word", "{\"a\":nope}", /offset 5: expected a JSON value/],
    ["empty input", "", /offset 0: expected a JSON value/],
  ])("rejects %s with the offset", (_, text, message) => {
    expect(() => parseLosslessJson(text)).toThrow(SyntaxError);
    expect(() => parseLosslessJson(text)).toThrow(message);
  });
});
