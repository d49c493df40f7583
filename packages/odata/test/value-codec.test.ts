import { describe, expect, it } from "vitest";
import { ODataValueError } from "../src/errors/odata-value-error.js";
import { parseLosslessJson } from "../src/values/lossless-json.js";
import { createValueCodec } from "../src/values/value-codec.js";
import type { ConversionTable, ValueMapping } from "../src/values/value-mapping.js";

const conversions: ConversionTable = {
  "NS.salesOrder": { orderDate: "Edm.Date", lastModifiedDateTime: "Edm.DateTimeOffset", totalAmount: "Edm.Decimal", customer: "NS.customer", salesOrderLines: "NS.salesOrderLine", address: "NS.address" },
  "NS.salesOrderLine": { unitPrice: "Edm.Decimal", shipmentDate: "Edm.Date", entryNo: "Edm.Int64" },
  "NS.customer": { lastModifiedDateTime: "Edm.DateTimeOffset" },
  "NS.address": { validFrom: "Edm.Date" },
};
const all: ValueMapping = { dates: "Date", decimal: "string", int64: "string" };
const datesOnly: ValueMapping = { dates: "Date", decimal: "number", int64: "number" };

describe("value codec: reading", () => {
  it("converts dates, keeps decimal and Int64 digits, and follows complex, expanded and collection values", () => {
    const codec = createValueCodec({ mapping: all, conversions });
    expect(codec.parseAs).toBe("text");
    const body = codec.parse(
      '{"@odata.etag":"W/\\"1\\"","number":"S-1","orderDate":"2024-02-29","lastModifiedDateTime":"2024-03-01T10:15:00.123Z","totalAmount":12345678901234567.89,"quantity":3,' +
        '"customer":{"lastModifiedDateTime":"2023-12-31T23:59:59Z","balance":1.5},"address":{"validFrom":"0001-01-01"},' +
        '"salesOrderLines":[{"unitPrice":1000.00,"shipmentDate":null,"entryNo":9007199254740993}]}',
    );
    expect(codec.read("NS.salesOrder", body)).toEqual({
      "@odata.etag": 'W/"1"',
      number: "S-1",
      orderDate: new Date(Date.UTC(2024, 1, 29)),
      lastModifiedDateTime: new Date("2024-03-01T10:15:00.123Z"),
      totalAmount: "12345678901234567.89",
      quantity: 3,
      customer: { lastModifiedDateTime: new Date("2023-12-31T23:59:59Z"), balance: 1.5 },
      address: { validFrom: new Date("0001-01-01T00:00:00Z") },
      salesOrderLines: [{ unitPrice: "1000.00", shipmentDate: null, entryNo: "9007199254740993" }],
    });
  });

  it("reads a collection answer: value converted, count and nextLink plain", () => {
    const codec = createValueCodec({ mapping: all, conversions });
    const page = codec.readCollection("NS.customer", parseLosslessJson('{"@odata.count":2,"value":[{"lastModifiedDateTime":"2024-01-01T00:00:00Z"}],"@odata.nextLink":"https://x?$skiptoken=1"}'));
    expect(page).toEqual({ "@odata.count": 2, value: [{ lastModifiedDateTime: new Date("2024-01-01T00:00:00Z") }], "@odata.nextLink": "https://x?$skiptoken=1" });
  });

  it("with dates only, uses JSON.parse and leaves decimals as numbers", () => {
    const codec = createValueCodec({ mapping: datesOnly, conversions: { "NS.salesOrder": { orderDate: "Edm.Date" } } });
    expect(codec.parseAs).toBe("json");
    expect(codec.read("NS.salesOrder", { orderDate: "2024-01-31", totalAmount: 1.25 })).toEqual({ orderDate: new Date(Date.UTC(2024, 0, 31)), totalAmount: 1.25 });
  });

  it("keeps decimals that already arrive as strings (IEEE754Compatible answers)", () => {
    const codec = createValueCodec({ mapping: all, conversions });
    expect(codec.read("NS.salesOrderLine", { unitPrice: "12.50" })).toEqual({ unitPrice: "12.50" });
  });

  it.each([
    ["a date that is not YYYY-MM-DD", { orderDate: "31.01.2024" }, "orderDate", /"31\.01\.2024", which is not an Edm\.Date/],
    ["a calendar date that does not exist", { orderDate: "2023-02-29" }, "orderDate", /"2023-02-29", which is not an Edm\.Date/],
    ["a timestamp that does not parse", { lastModifiedDateTime: "yesterday" }, "lastModifiedDateTime", /not an Edm\.DateTimeOffset/],
    ["a nested line with a bad date", { salesOrderLines: [{ shipmentDate: 5 }] }, "salesOrderLines[0].shipmentDate", /the service sent 5/],
  ])("names the property path of %s in an ODataValueError", (_, value, path, message) => {
    const codec = createValueCodec({ mapping: all, conversions });
    try {
      codec.read("NS.salesOrder", value);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ODataValueError);
      expect((e as ODataValueError).path).toBe(path);
      expect((e as Error).message).toMatch(message);
      expect((e as ODataValueError).remedy).toMatch(/Regenerate the client/);
    }
  });
});

describe("value codec: writing", () => {
  const codec = createValueCodec({ mapping: all, conversions });

  it("writes Dates as BC expects and decimal strings as verbatim JSON numbers, deep-insert lines included", () => {
    const text = codec.write("NS.salesOrder", {
      number: "S-1",
      orderDate: new Date(Date.UTC(2024, 1, 29)),
      lastModifiedDateTime: new Date("2024-03-01T10:15:00.123Z"),
      totalAmount: "12345678901234567.89",
      skipped: undefined,
      salesOrderLines: [{ unitPrice: "1000.00", entryNo: 9007199254740993n, shipmentDate: null }],
    });
    expect(text).toBe('{"number":"S-1","orderDate":"2024-02-29","lastModifiedDateTime":"2024-03-01T10:15:00.123Z","totalAmount":12345678901234567.89,"salesOrderLines":[{"unitPrice":1000.00,"entryNo":9007199254740993,"shipmentDate":null}]}');
    // The text is valid JSON and loses nothing when read losslessly again.
    expect(codec.read("NS.salesOrder", codec.parse(text))).toMatchObject({ totalAmount: "12345678901234567.89", salesOrderLines: [{ unitPrice: "1000.00", entryNo: "9007199254740993" }] });
  });

  it("accepts the string and number forms plain JSON callers pass", () => {
    expect(codec.write("NS.salesOrderLine", { unitPrice: 12.5, shipmentDate: "2024-01-31", entryNo: 42 })).toBe('{"unitPrice":12.5,"shipmentDate":"2024-01-31","entryNo":42}');
  });

  it.each([
    ["a decimal with a comma", { totalAmount: "12,50" }, "totalAmount", /"12,50" is not an Edm\.Decimal/, /JSON number literal/],
    ["a decimal that would inject JSON", { totalAmount: '1,"x":2' }, "totalAmount", /not an Edm\.Decimal/, /JSON number literal/],
    ["an invalid Date", { orderDate: new Date("nope") }, "orderDate", /an invalid Date is not an Edm\.Date/, /YYYY-MM-DD/],
    ["an Int64 above 2^53 as a number", { salesOrderLines: [{ entryNo: 2 ** 60 }] }, "salesOrderLines[0].entryNo", /not an Edm\.Int64/, /bigint/],
    ["NaN as a decimal", { totalAmount: Number.NaN }, "totalAmount", /NaN is not an Edm\.Decimal/, /finite number/],
  ])("rejects %s before sending, naming the path", (_, value, path, message, remedy) => {
    try {
      codec.write("NS.salesOrder", value);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ODataValueError);
      expect((e as ODataValueError).path).toBe(path);
      expect((e as Error).message).toMatch(message);
      expect((e as ODataValueError).remedy).toMatch(remedy);
    }
  });

  it("writes action parameters by the kinds the operation lists", () => {
    expect(codec.writeParams({ postingDate: "Edm.Date", amount: "Edm.Decimal", note: "Edm.String" }, { postingDate: new Date(Date.UTC(2024, 4, 1)), amount: "0.10", note: "x", later: undefined })).toBe('{"postingDate":"2024-05-01","amount":0.10,"note":"x"}');
  });
});

describe("value codec: hostile property names", () => {
  it("does not mistake Object.prototype members for conversions", () => {
    const codec = createValueCodec({ mapping: all, conversions: { "NS.x": { when: "Edm.Date" } } });
    expect(codec.read("NS.x", { constructor: "2024-01-01", toString: 5, when: "2024-01-01" })).toEqual({ constructor: "2024-01-01", toString: 5, when: new Date("2024-01-01T00:00:00Z") });
    expect(codec.write("NS.x", { constructor: "a", when: new Date("2024-01-01T00:00:00Z") })).toBe('{"constructor":"a","when":"2024-01-01"}');
    expect(codec.writeParams({}, { constructor: 1 })).toBe('{"constructor":1}');
  });
});

describe("value codec: one-pass decode of lossless routes", () => {
  const codec = createValueCodec({ mapping: all, conversions });
  const order = '{"@odata.etag":"W/\\"1\\"","number":"S-1","orderDate":"2024-02-29","lastModifiedDateTime":"2024-03-01T10:15:00.123Z","totalAmount":12345678901234567.89,"quantity":3,' +
    '"customer":{"lastModifiedDateTime":"2023-12-31T23:59:59Z","balance":1.5,"tags":[1,2.5,-3e2]},"address":{"validFrom":"0001-01-01","entryNo":9007199254740993},' +
    '"salesOrderLines":[{"unitPrice":1000.00,"shipmentDate":null,"entryNo":9007199254740993},{"unitPrice":"0.10","shipmentDate":"2024-12-31"}]}';

  it.each([
    ["an entity", order, "entity" as const],
    ["a collection answer", `{"@odata.count":2,"value":[${order},${order}],"@odata.nextLink":"https://x?$skiptoken=2"}`, "collection" as const],
    ["an empty page", '{"value":[]}', "collection" as const],
  ])("gives what parse-then-read gives for %s", (_, text, shape) => {
    const twoPass = shape === "entity" ? codec.read("NS.salesOrder", codec.parse(text)) : codec.readCollection("NS.salesOrder", codec.parse(text));
    expect(codec.decode(text, "NS.salesOrder", shape)).toEqual(twoPass);
  });

  it("keeps decimal digits and makes every other number a plain number", () => {
    const decoded = codec.decode(order, "NS.salesOrder", "entity") as Record<string, any>;
    expect(decoded["totalAmount"]).toBe("12345678901234567.89");
    expect(decoded["quantity"]).toBe(3);
    expect(decoded["customer"].tags).toEqual([1, 2.5, -300]);
    expect(decoded["salesOrderLines"][0].unitPrice).toBe("1000.00");
    expect(decoded["salesOrderLines"][0].entryNo).toBe("9007199254740993");
    expect(decoded["address"].entryNo).toBe(9007199254740992); // not Int64-typed in this table: a plain (rounded) number
  });

  it("names the path inside a page when a value does not fit", () => {
    const bad = `{"value":[${order},{"salesOrderLines":[{},{"shipmentDate":"2024-13-01"}]}]}`;
    try {
      codec.decode(bad, "NS.salesOrder", "collection");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ODataValueError);
      expect((e as ODataValueError).path).toBe("value[1].salesOrderLines[1].shipmentDate");
      expect((e as Error).message).toMatch(/"2024-13-01", which is not an Edm\.Date/);
    }
  });

  it("rejects malformed JSON like the generic parser", () => {
    expect(() => codec.decode('{"value":[{"unitPrice":01}]}', "NS.salesOrderLine", "collection")).toThrow(/offset 24: expected "," or "}"/);
  });
});
