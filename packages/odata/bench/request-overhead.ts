// Request overhead of @bcts/odata vs raw fetch against the same local server (goal: ≤ 1.1× at p50).
// Run: node --conditions=@bcts/source --import tsx packages/odata/bench/request-overhead.ts
import { performance } from "node:perf_hooks";
import createClient from "openapi-fetch";
import { createODataClient } from "../src/index.js";
import { apiV2_0 } from "../test/fixtures/api-model.js";
import { BENCH_COMPANY, percentile, printTable, startBenchServer } from "./bench-server.js";

const N = Number(process.env["BENCH_N"] ?? 3000);
const server = await startBenchServer(20);
const token = "bench-token";
const client = createODataClient(apiV2_0, { tenantId: "t", environment: "production", baseUrl: server.origin, credential: { getToken: async () => ({ token }) } });
const customers = client.company(BENCH_COMPANY).customers;
const url = customers.query({ select: ["number", "displayName", "balanceDue"], top: 20 }).toUrl();

async function raw(): Promise<unknown> {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}`, Accept: "application/json", "client-request-id": crypto.randomUUID() } });
  if (!response.ok) throw new Error(String(response.status));
  return ((await response.json()) as { value: unknown[] }).value;
}
const bare = createClient<Record<string, never>>({ baseUrl: "" });
async function openapiFetchAlone(): Promise<unknown> {
  const { data } = await (bare.GET as unknown as (u: string, i: object) => Promise<{ data: { value: unknown[] } }>)(url, { headers: { Authorization: `Bearer ${token}`, "client-request-id": crypto.randomUUID() } });
  return data.value;
}
const one = customers.byId(BENCH_COMPANY);
async function typedGet(): Promise<unknown> {
  return one.get();
}
async function typed(): Promise<unknown> {
  const page = await customers.list({ select: ["number", "displayName", "balanceDue"], top: 20 }).byPage().next();
  return page.value!.value;
}

async function measure(fn: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < N; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

const cases: Record<string, () => Promise<unknown>> = {
  "raw fetch": raw,
  "openapi-fetch alone (the transport)": openapiFetchAlone,
  "@bcts/odata byId().get()": typedGet,
  "@bcts/odata list().byPage()": typed,
};
const times: Record<string, number[]> = {};
for (const fn of Object.values(cases)) for (let i = 0; i < 300; i++) await fn();
// Interleave rounds so drift affects every case equally.
for (let round = 0; round < 3; round++) for (const [name, fn] of Object.entries(cases)) (times[name] ??= []).push(...(await measure(fn)));
for (const t of Object.values(times)) t.sort((a, b) => a - b);
const rawP50 = percentile(times["raw fetch"]!, 50);
printTable(
  Object.entries(times).map(([name, t]) => ({
    client: name,
    requests: t.length,
    "p50 ms": percentile(t, 50).toFixed(3),
    "p95 ms": percentile(t, 95).toFixed(3),
    "p50 vs raw": `${(percentile(t, 50) / rawP50).toFixed(2)}×`,
  })),
);
const ratio = percentile(times["@bcts/odata list().byPage()"]!, 50) / rawP50;
console.log(`\nlist().byPage() p50 ratio: ${ratio.toFixed(3)}× (goal ≤ 1.10×) ${ratio <= 1.1 ? "MET" : "NOT MET"}`);
await server.close();
