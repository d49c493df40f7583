// Type-check time of a consumer using select narrowing (plus filter and expand) on five entity sets of the
// generated api/v2.0 client (goal: under 2 s). Uses the codegen golden output when present, else the test fixture.
// Run: node --conditions=@bcts/source --import tsx packages/odata/bench/typecheck-time.ts
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { printTable } from "./bench-server.js";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const golden = join(repo, "packages/codegen/test/golden/api-v2.0.erlorenz-bc-codegen.2025-08/index.ts");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const useGolden = existsSync(golden);

const consumer = useGolden
  ? `import { createODataClient } from "@bcts/odata";
import { apiV2_0 } from ${JSON.stringify(golden.replace(/\.ts$/, ".js"))};
const bc = createODataClient(apiV2_0, { tenantId: "t", environment: "production" });
const company = bc.company("5d115c9c-44e3-ea11-bb43-000d3a2feca1");
export async function main() {
  for await (const c of company.customers.list({ select: ["number", "displayName", "balanceDue"], filter: (f) => f.balanceDue.gt(0).and(f.displayName.startsWith("Ad")), orderBy: ["displayName"] })) c.balanceDue?.toFixed(2);
  for await (const i of company.items.list({ select: ["number", "displayName", "unitPrice"], filter: (f) => f.unitPrice.ge(10) })) i.unitPrice?.toFixed(2);
  for await (const v of company.vendors.list({ select: ["number", "displayName"], filter: (f) => f.displayName.contains("x") })) v.displayName?.length;
  for await (const o of company.salesOrders.list({ select: ["number", "customerNumber"], expand: { salesOrderLines: { select: ["sequence", "quantity"], filter: (f) => f.quantity.gt(1) } } })) o.salesOrderLines.map((l) => l.quantity);
  for await (const s of company.salesInvoices.list({ select: ["number", "totalAmountIncludingTax"], filter: (f) => f.totalAmountIncludingTax.gt(100), orderBy: ["number desc"] })) s.totalAmountIncludingTax?.toFixed(2);
}
`
  : `import { createODataClient } from "@bcts/odata";
import { apiV2_0 } from ${JSON.stringify(join(repo, "packages/odata/test/fixtures/api-model.js"))};
const company = createODataClient(apiV2_0, { tenantId: "t" }).company("x");
export async function main() {
  for await (const c of company.customers.list({ select: ["number", "displayName"] })) c.number;
}
`;
const clientOnly = consumer.replace(/export async function main\(\) \{[\s\S]*\}\n$/, "export {};\n");
const importOnly = `import { apiV2_0 } from ${JSON.stringify(useGolden ? golden.replace(/\.ts$/, ".js") : join(repo, "packages/odata/test/fixtures/api-model.js"))};\nexport const route = apiV2_0;\n`;

function check(source: string): { wallMs: number; checkS: number; types: number; instantiations: number } {
  // Inside packages/odata so "@bcts/odata" resolves through the workspace link.
  const dir = mkdtempSync(join(repo, "packages/odata/bench/.tc-"));
  try {
    writeFileSync(join(dir, "consumer.ts"), source);
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ extends: join(repo, "tsconfig.base.json"), compilerOptions: { noEmit: true, types: [], skipLibCheck: true }, files: ["consumer.ts"] }));
    const start = performance.now();
    const out = execFileSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.json"), "--extendedDiagnostics"], { encoding: "utf8" });
    const wallMs = performance.now() - start;
    return { wallMs, checkS: Number(/Check time:\s+([\d.]+)s/.exec(out)?.[1]), types: Number(/Types:\s+(\d+)/.exec(out)?.[1]), instantiations: Number(/Instantiations:\s+(\d+)/.exec(out)?.[1]) };
  } catch (error) {
    throw new Error(`tsc failed:\n${(error as { stdout?: string }).stdout ?? error}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const runs = Number(process.env["BENCH_RUNS"] ?? 3);
const rows = [];
for (const [name, source] of [
  ["generated route imported only", importOnly],
  ["+ createODataClient + company()", clientOnly],
  ["+ five sets: select + filter + expand", consumer],
] as const) {
  const results = Array.from({ length: runs }, () => check(source)).sort((a, b) => a.wallMs - b.wallMs);
  const median = results[Math.floor(runs / 2)]!;
  rows.push({ consumer: name, "tsc wall ms (median)": median.wallMs.toFixed(0), "check time s": median.checkS.toFixed(2), types: median.types, instantiations: median.instantiations });
}
printTable(rows);
const total = Number(rows[2]!["tsc wall ms (median)"]);
console.log(`\nModel: ${useGolden ? "codegen golden api/v2.0 (≈90 entity types)" : "test fixture"}. Whole tsc run ${total} ms (goal < 2000 ms): ${total < 2000 ? "MET" : "NOT MET"}.`);
console.log(`Check time added by the runtime's types: client ${(Number(rows[1]!["check time s"]) - Number(rows[0]!["check time s"])).toFixed(2)} s, five queries ${(Number(rows[2]!["check time s"]) - Number(rows[1]!["check time s"])).toFixed(2)} s. Types and instantiations do not depend on machine load; times do. Machine load: ${(await import("node:os")).loadavg()[0]!.toFixed(1)} on ${(await import("node:os")).cpus().length} CPUs.`);
