import { readConverted, type Conversions } from "./read-converted.js";

/**
 * A JSON number kept as the text it was sent as. `JSON.parse` turns `12345678901234567.89` into
 * `12345678901234568`; BC money and Int64 values need the digits as sent.
 */
export class LosslessNumber {
  constructor(readonly text: string) {}
}

/**
 * `JSON.parse` that keeps every number as a `LosslessNumber`. (Node 20 has no `JSON.parse`
 * source-text access; a reviver sees the rounded double.) Throws `SyntaxError` with the offset on
 * malformed input, like `JSON.parse`.
 *
 * @example
 * parseLosslessJson('{"amount":0.10000000000000000001}') // { amount: LosslessNumber { text: "0.10000000000000000001" } }
 */
export function parseLosslessJson(text: string): unknown {
  return new JsonReader(text, undefined).document(undefined);
}

/**
 * Parses and converts in one pass, steered by a route's conversion table: numbers at decimal/Int64
 * properties keep their text, dates become `Date`, every other number is a plain number. One pass
 * instead of parse-then-walk, and no wrapper object per number: a page of sales orders decodes at a
 * few times `JSON.parse`'s cost rather than ten.
 *
 * @example
 * parseConvertedJson('{"value":[{"unitPrice":1000.00}]}', conversions, "NS.salesOrderLine", "collection") // { value: [{ unitPrice: "1000.00" }] }
 */
export function parseConvertedJson(text: string, conversions: Conversions, typeName: string, shape: "entity" | "collection"): unknown {
  return new JsonReader(text, conversions).document(shape === "entity" ? typeName : { collectionOf: typeName });
}

/** What the value at the cursor is: a conversion (Edm kind or type name), a collection answer's root, or nothing known. */
type Expect = string | { readonly collectionOf: string } | undefined;

const PLAIN_STRING = /[^"\\\u0000-\u001f]*/y;

class JsonReader {
  at = 0;
  /** Property path of the value being read (`value`, `3`, `salesOrderLines`, …), for error messages. */
  readonly path: (string | number)[] = [];

  constructor(
    private readonly text: string,
    /** undefined: every number becomes a `LosslessNumber` and nothing converts. */
    private readonly conversions: Conversions | undefined,
  ) {}

  document(expect: Expect): unknown {
    this.space();
    const value = this.value(expect);
    this.space();
    if (this.at < this.text.length) this.fail("unexpected text after the JSON value");
    return value;
  }

  value(expect: Expect): unknown {
    const c = this.text.charCodeAt(this.at);
    if (c === 0x22) {
      const text = this.string();
      return typeof expect === "string" && this.conversions !== undefined ? readConverted(expect, text, this.path) : text;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number(expect);
    if (c === 0x7b) return this.object(expect);
    if (c === 0x5b) return this.array(expect);
    if (this.text.startsWith("true", this.at)) return this.literal(4, true);
    if (this.text.startsWith("false", this.at)) return this.literal(5, false);
    if (this.text.startsWith("null", this.at)) return this.literal(4, null);
    return this.fail("expected a JSON value");
  }

  object(expect: Expect): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const conversions = this.conversions;
    // A collection answer: `value` holds the entities; `@odata.count` and the links are plain.
    const collectionOf = typeof expect === "object" ? expect.collectionOf : undefined;
    const entries = conversions !== undefined && typeof expect === "string" ? conversions.get(expect) : undefined;
    this.at++;
    this.space();
    if (this.text.charCodeAt(this.at) === 0x7d) {
      this.at++;
      return result;
    }
    for (;;) {
      if (this.text.charCodeAt(this.at) !== 0x22) this.fail("expected a property name");
      const key = this.string();
      this.space();
      this.expect(0x3a, '":"');
      this.space();
      this.path.push(key);
      const value = this.value(collectionOf !== undefined ? (key === "value" ? collectionOf : undefined) : entries?.get(key));
      this.path.pop();
      // A "__proto__" key must stay data, as with JSON.parse.
      if (key === "__proto__") Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
      else result[key] = value;
      this.space();
      if (this.text.charCodeAt(this.at) === 0x2c) {
        this.at++;
        this.space();
        continue;
      }
      this.expect(0x7d, '"," or "}"');
      return result;
    }
  }

  array(expect: Expect): unknown[] {
    const result: unknown[] = [];
    this.at++;
    this.space();
    if (this.text.charCodeAt(this.at) === 0x5d) {
      this.at++;
      return result;
    }
    const element = typeof expect === "string" ? expect : undefined;
    for (let index = 0; ; index++) {
      this.path.push(index);
      result.push(this.value(element));
      this.path.pop();
      this.space();
      if (this.text.charCodeAt(this.at) === 0x2c) {
        this.at++;
        this.space();
        continue;
      }
      this.expect(0x5d, '"," or "]"');
      return result;
    }
  }

  string(): string {
    const start = this.at;
    PLAIN_STRING.lastIndex = start + 1;
    PLAIN_STRING.exec(this.text);
    const end = PLAIN_STRING.lastIndex;
    if (this.text.charCodeAt(end) === 0x22) {
      this.at = end + 1;
      return this.text.slice(start + 1, end);
    }
    // Escapes: find the closing quote, let JSON.parse decode the literal.
    let i = end;
    while (i < this.text.length) {
      const c = this.text.charCodeAt(i);
      if (c === 0x5c) i += 2;
      else if (c === 0x22) break;
      else i++;
    }
    if (i >= this.text.length) this.fail("unterminated string");
    this.at = i + 1;
    try {
      return JSON.parse(this.text.slice(start, i + 1)) as string;
    } catch {
      return this.fail("invalid string escape or control character");
    }
  }

  /** JSON number grammar, scanned by hand: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. */
  number(expect: Expect): unknown {
    const text = this.text;
    const start = this.at;
    let i = start;
    if (text.charCodeAt(i) === 0x2d) i++;
    if (text.charCodeAt(i) === 0x30) i++;
    else if (!this.digits(i)) this.fail("invalid number");
    else i = this.at;
    if (text.charCodeAt(i) === 0x2e) {
      if (!this.digits(i + 1)) this.fail("invalid number: digits expected after the decimal point");
      i = this.at;
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      let j = i + 1;
      const sign = text.charCodeAt(j);
      if (sign === 0x2b || sign === 0x2d) j++;
      if (!this.digits(j)) this.fail("invalid number: digits expected in the exponent");
      i = this.at;
    }
    this.at = i;
    const digits = text.slice(start, i);
    if (this.conversions === undefined) return new LosslessNumber(digits);
    return typeof expect === "string" ? readConverted(expect, digits, this.path, true) : Number(digits);
  }

  /** Consumes one or more digits from `from`; false when there are none. */
  digits(from: number): boolean {
    let i = from;
    for (let c = this.text.charCodeAt(i); c >= 0x30 && c <= 0x39; c = this.text.charCodeAt(++i));
    this.at = i;
    return i > from;
  }

  literal<T>(length: number, value: T): T {
    this.at += length;
    return value;
  }

  space(): void {
    for (;;) {
      const c = this.text.charCodeAt(this.at);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.at++;
      else return;
    }
  }

  expect(code: number, what: string): void {
    if (this.text.charCodeAt(this.at) !== code) this.fail(`expected ${what}`);
    this.at++;
  }

  fail(reason: string): never {
    throw new SyntaxError(`Invalid JSON at offset ${this.at}: ${reason}.`);
  }
}
