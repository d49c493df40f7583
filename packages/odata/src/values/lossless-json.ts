/**
 * A JSON number kept as the text it was sent as. `JSON.parse` turns `12345678901234567.89` into
 * `12345678901234568`; BC money and Int64 values need the digits as sent.
 */
export class LosslessNumber {
  constructor(readonly text: string) {}
}

/**
 * `JSON.parse` that keeps every number as a `LosslessNumber`, for routes that map Edm.Decimal or
 * Edm.Int64 to strings. (Node 20 has no `JSON.parse` source-text access; a reviver sees the rounded
 * double.) Throws `SyntaxError` with the offset on malformed input, like `JSON.parse`.
 *
 * @example
 * parseLosslessJson('{"amount":0.10000000000000000001}') // { amount: LosslessNumber { text: "0.10000000000000000001" } }
 */
export function parseLosslessJson(text: string): unknown {
  const parser = new Parser(text);
  parser.space();
  const value = parser.value();
  parser.space();
  if (parser.at < text.length) parser.fail("unexpected text after the JSON value");
  return value;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const PLAIN_STRING = /[^"\\\u0000-\u001f]*/y;

class Parser {
  at = 0;
  constructor(private readonly text: string) {}

  value(): unknown {
    const c = this.text.charCodeAt(this.at);
    if (c === 0x7b) return this.object();
    if (c === 0x5b) return this.array();
    if (c === 0x22) return this.string();
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    if (this.text.startsWith("true", this.at)) return this.literal(4, true);
    if (this.text.startsWith("false", this.at)) return this.literal(5, false);
    if (this.text.startsWith("null", this.at)) return this.literal(4, null);
    return this.fail("expected a JSON value");
  }

  object(): Record<string, unknown> {
    const result: Record<string, unknown> = {};
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
      // defineProperty, not assignment: a "__proto__" key must stay data, as with JSON.parse.
      Object.defineProperty(result, key, { value: this.value(), enumerable: true, writable: true, configurable: true });
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

  array(): unknown[] {
    const result: unknown[] = [];
    this.at++;
    this.space();
    if (this.text.charCodeAt(this.at) === 0x5d) {
      this.at++;
      return result;
    }
    for (;;) {
      result.push(this.value());
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

  number(): LosslessNumber {
    NUMBER.lastIndex = this.at;
    const match = NUMBER.exec(this.text);
    if (match === null) return this.fail("invalid number");
    this.at = NUMBER.lastIndex;
    return new LosslessNumber(match[0]);
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
