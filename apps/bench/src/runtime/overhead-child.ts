// Child process: loads one tool's consumer program, checks that its five queries run, then times
// query 2 (customers with $select + $filter) against raw fetch of the same request, interleaved.
// Prints one JSON line: { rows, clientMs, rawMs, iterations }.
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import type { ConsumerTarget, FiveQueries } from "../../consumers/consumer-target.js";
import { median } from "../process/median.js";
import { benchRoot } from "../paths.js";

const tool = process.env["BENCH_TOOL"] ?? "";
const target = JSON.parse(process.env["BENCH_TARGET"] ?? "{}") as ConsumerTarget;
const iterations = Number(process.env["BENCH_ITERATIONS"] ?? "1000");
// Long enough for V8 to optimise every tool's request path (300 rounds left bcts's, the longest, partly
// unoptimised: measured 1.43× at 60 warm-up rounds, see docs/benchmarks.md's method).
const warmup = Number(process.env["BENCH_WARMUP"] ?? "1000");

const mod = (await import(pathToFileURL(join(benchRoot, "consumers", tool, "queries.ts")).href)) as {
  createQueries(t: ConsumerTarget): FiveQueries;
};
const q = mod.createQueries(target);
const rows = [
  await q.listCompanies(),
  await q.customersSelectFilter(),
  await q.customerById(),
  await q.itemsOrderByTop(),
  await q.salesOrdersWithLines(),
];

const rawUrl = `${target.serviceRoot}/companies(${target.companyId})/customers?$select=id,number,displayName&$filter=${encodeURIComponent("startswith(displayName,'A')")}`;
async function raw(): Promise<number> {
  const res = await fetch(rawUrl, { headers: { Authorization: `Bearer ${target.token}`, Accept: "application/json" } });
  if (!res.ok) throw new Error(`raw fetch ${res.status}`);
  return ((await res.json()) as { value: unknown[] }).value.length;
}

for (let i = 0; i < warmup; i++) { await q.customersSelectFilter(); await raw(); }
const clientTimes: number[] = [];
const rawTimes: number[] = [];
for (let i = 0; i < iterations; i++) {
  // alternate which goes first so neither always runs on a freshly used connection
  const order = i % 2 === 0 ? [["client", q.customersSelectFilter], ["raw", raw]] as const : [["raw", raw], ["client", q.customersSelectFilter]] as const;
  for (const [name, fn] of order) {
    const t0 = performance.now();
    await fn();
    (name === "client" ? clientTimes : rawTimes).push(performance.now() - t0);
  }
}
console.log(JSON.stringify({ rows, clientMs: median(clientTimes), rawMs: median(rawTimes), iterations, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
