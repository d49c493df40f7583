// Child process: times one page of sales orders through JSON.parse and through the codecs the
// codegen emits for `dates: "Date"` and `dates: "Date", decimal: "string"`, batches interleaved,
// then the write side for one order. Prints one JSON line (ValueCostResult).
import { pathToFileURL } from "node:url";
import type { TypeRegistry } from "@bcts/odata";
import { median } from "../process/median.js";
import type { ValueVariant } from "./route-codec.js";
import { valuePayloads } from "./sales-order-page.js";
import type { ValueCost, ValueCostResult } from "./value-cost.js";

const files = JSON.parse(process.env["BENCH_CODECS"] ?? "{}") as Record<ValueVariant, string>;
const codecOf = async (variant: ValueVariant) => {
  const { registry } = (await import(pathToFileURL(files[variant]).href)) as { registry: TypeRegistry };
  if (!registry.codec) throw new Error(`${variant}: the generated registry has no codec`);
  return registry.codec;
};
const dates = await codecOf("dates");
const datesDecimals = await codecOf("datesDecimals");
const type = "Microsoft.NAV.salesOrder";

const payload = valuePayloads(100, 5, 20);
const { pageText, orderText } = payload;
const warmupBatches = 5;
const batches = 21;
const pagesPerBatch = 10;
const writesPerBatch = 200;

// The write bodies in each variant's TypeScript shape (Date, decimal strings), decoded once.
const plainBody = JSON.parse(orderText) as object;
const datesBody = dates.read(type, JSON.parse(orderText)) as object;
const datesDecimalsBody = datesDecimals.decode(orderText, type, "entity") as object;

let sink = 0;
const reads: [ValueCost["id"], string, () => unknown][] = [
  ["plain", "JSON.parse(text)", () => JSON.parse(pageText)],
  ["dates", "codec.readCollection(type, JSON.parse(text))", () => dates.readCollection(type, JSON.parse(pageText))],
  // What the client runs for a lossless route: one pass that parses and converts.
  ["datesDecimals", 'codec.decode(text, type, "collection")', () => datesDecimals.decode(pageText, type, "collection")],
];
const writes: [ValueCost["id"], string, () => string][] = [
  ["plain", "JSON.stringify(body)", () => JSON.stringify(plainBody)],
  ["dates", "codec.write(type, body)", () => dates.write(type, datesBody)],
  ["datesDecimals", "codec.write(type, body)", () => datesDecimals.write(type, datesDecimalsBody)],
];

// The decoders must agree with the plain parse except for the converted values, which are counted.
const converted = { dates: 0, decimals: 0 };
compare(JSON.parse(pageText), datesDecimals.decode(pageText, type, "collection"), "");
const onlyDates = { dates: 0, decimals: 0 };
countInto(onlyDates, JSON.parse(pageText), dates.readCollection(type, JSON.parse(pageText)), "");
if (onlyDates.dates !== converted.dates || onlyDates.decimals !== 0) throw new Error("the dates-only codec converted something other than the dates");
if (converted.dates === 0 || converted.decimals === 0) throw new Error("the codecs converted nothing: the table does not match the page");
for (const [, , write] of writes) JSON.parse(write());

/** Median µs per call over `batches` batches of `perBatch` calls; the variants take turns within each batch round. */
function time<T>(fns: readonly [ValueCost["id"], string, () => T][], perBatch: number, measure: (v: T) => number): ValueCost[] {
  const wall = fns.map(() => [] as number[]);
  const cpu = fns.map(() => [] as number[]);
  for (let b = 0; b < warmupBatches + batches; b++) {
    for (let k = 0; k < fns.length; k++) {
      const j = (b + k) % fns.length; // rotate who goes first
      const fn = fns[j]![2];
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < perBatch; i++) sink += measure(fn());
      const t1 = performance.now();
      const c1 = process.cpuUsage(c0);
      if (b < warmupBatches) continue;
      wall[j]!.push(((t1 - t0) * 1000) / perBatch);
      cpu[j]!.push((c1.user + c1.system) / perBatch);
    }
  }
  return fns.map(([id, code], j) => ({ id, code, wallUs: median(wall[j]!), cpuUs: median(cpu[j]!) }));
}

const result: ValueCostResult = {
  orders: payload.orders,
  linesPerOrder: payload.linesPerOrder,
  pageBytes: Buffer.byteLength(pageText),
  orderLines: payload.orderLines,
  orderBytes: Buffer.byteLength(orderText),
  warmupBatches,
  batches,
  pagesPerBatch,
  writesPerBatch,
  converted,
  reads: time(reads, pagesPerBatch, (v) => ((v as { value: unknown[] }).value.length)),
  writes: time(writes, writesPerBatch, (s) => s.length),
};
if (sink === 0) throw new Error("nothing was decoded");
console.log(JSON.stringify(result));

function compare(plain: unknown, decoded: unknown, path: string): void {
  countInto(converted, plain, decoded, path);
}

/** Walks the plain and the decoded value side by side; anything but a converted date or decimal must be equal. */
function countInto(counts: { dates: number; decimals: number }, plain: unknown, decoded: unknown, path: string): void {
  if (decoded instanceof Date) {
    if (typeof plain !== "string" || Number.isNaN(decoded.getTime())) throw new Error(`${path}: ${String(plain)} decoded to an invalid Date`);
    counts.dates++;
  } else if (typeof plain === "number" && typeof decoded === "string") {
    if (Number(decoded) !== plain) throw new Error(`${path}: ${plain} decoded to "${decoded}"`);
    counts.decimals++;
  } else if (plain !== null && typeof plain === "object" && decoded !== null && typeof decoded === "object") {
    const keys = Object.keys(plain);
    if (keys.length !== Object.keys(decoded).length) throw new Error(`${path}: decoded object has other keys`);
    for (const key of keys) countInto(counts, (plain as Record<string, unknown>)[key], (decoded as Record<string, unknown>)[key], `${path}/${key}`);
  } else if (plain !== decoded) {
    throw new Error(`${path}: ${String(plain)} decoded to ${String(decoded)}`);
  }
}
