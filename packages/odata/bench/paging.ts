// Paging 100,000 records through list() with peak memory (goal: memory bounded by one page).
// Run: node --expose-gc --conditions=@bcts/source --import tsx packages/odata/bench/paging.ts
import { performance } from "node:perf_hooks";
import { createODataClient } from "../src/index.js";
import { apiV2_0 } from "../test/fixtures/api-model.js";
import { BENCH_COMPANY, printTable, startBenchServer } from "./bench-server.js";

const TOTAL = Number(process.env["BENCH_TOTAL"] ?? 100_000);
const server = await startBenchServer(TOTAL);
const customers = createODataClient(apiV2_0, { tenantId: "t", environment: "production", baseUrl: server.origin, credential: { getToken: async () => ({ token: "t" }) } }).company(BENCH_COMPANY).customers;
const gc = (globalThis as { gc?: () => void }).gc;

async function run(maxPageSize: number | undefined, keepAll = false) {
  gc?.();
  const baseHeap = process.memoryUsage().heapUsed;
  let peakHeap = baseHeap;
  let peakRss = process.memoryUsage().rss;
  const sample = setInterval(() => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }, 5);
  const start = performance.now();
  let count = 0;
  let sum = 0;
  const kept: unknown[] = [];
  let peakRetained = 0;
  for await (const page of customers.list({ select: ["number", "balanceDue"] }).byPage({ maxPageSize })) {
    for (const c of page.value) {
      count++;
      sum += c.balanceDue ?? 0;
      if (keepAll) kept.push(c);
    }
    // Live memory while the next page is requested: the current page is still referenced here.
    gc?.();
    peakRetained = Math.max(peakRetained, process.memoryUsage().heapUsed - baseHeap);
  }
  const ms = performance.now() - start;
  clearInterval(sample);
  if (count !== TOTAL) throw new Error(`expected ${TOTAL} records, got ${count} (sum ${sum})`);
  return {
    "page size": `${maxPageSize ?? "20000 (BC default)"}${keepAll ? ", all kept (baseline)" : ""}`,
    records: count,
    pages: Math.ceil(TOTAL / (maxPageSize ?? 20000)),
    "time ms": ms.toFixed(0),
    "records/s": Math.round(count / (ms / 1000)),
    "peak live heap MB (after GC, per page)": (peakRetained / 1e6).toFixed(1),
    "peak heap incl. garbage MB": ((peakHeap - baseHeap) / 1e6).toFixed(1),
    "peak RSS MB": (peakRss / 1e6).toFixed(0),
  };
}

const rows = [];
for (const size of [undefined, 5000, 1000]) rows.push(await run(size));
rows.push(await run(undefined, true));
printTable(rows);
console.log(`\nTimes include one forced GC per page. The bench server always sends full customer records (8 fields). Streaming rows keeps heap growth near one page; the last row keeps all ${TOTAL} for comparison.`);
if (!gc) console.log("(run with --expose-gc for a steadier baseline)");
await server.close();
