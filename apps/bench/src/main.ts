// `pnpm bench`: bcts vs @odata2ts/odata2ts vs @sap-cloud-sdk/generator on real BC metadata.
// Every number printed is measured in this run; what cannot run is reported as "not measured".
//   --runs N        repetitions per measurement, median reported (default 3)
//   --iterations N  requests per timing loop in the runtime overhead check (default 300)
//   --no-doc        print only; do not rewrite docs/benchmarks.md
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { benchDocuments } from "./bench-document.js";
import type { BenchResults } from "./bench-results.js";
import { bundleConsumer } from "./bundle/bundle-consumer.js";
import { measureGeneration, type GenerationResult } from "./generation/measure-generation.js";
import { readMetadataInventory } from "./losses/metadata-inventory.js";
import { machineInfo, toolchainVersions } from "./machine-info.js";
import { notMeasured } from "./measured.js";
import { benchRoot, repoRoot, workRoot } from "./paths.js";
import { renderReport } from "./report/render-report.js";
import { startCannedServer } from "./runtime/canned-server.js";
import { measureOverhead } from "./runtime/measure-overhead.js";
import { bctsClientReady } from "./tools/bcts-client-ready.js";
import { toolAdapters } from "./tools/tool-adapters.js";
import { typecheckProject } from "./typecheck/typecheck-project.js";

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const runs = flag("--runs", Number(process.env["BENCH_RUNS"] ?? 3));
const iterations = flag("--iterations", 300);
const writeDoc = !args.includes("--no-doc");

const started = new Date();
const log = (msg: string): void => console.error(`[bench ${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(4)} s] ${msg}`);
mkdirSync(workRoot, { recursive: true });

const tools: BenchResults["tools"][number][] = [];
for (const tool of toolAdapters) {
  const unavailable = await tool.unavailableReason();
  tools.push({ id: tool.id, label: tool.label, version: tool.version(), unavailable });
  log(`${tool.label}: ${unavailable ? `not measured (${unavailable})` : tool.version()}`);
}
const unavailableOf = (id: string) => tools.find((t) => t.id === id)?.unavailable ?? null;

// 1. generation time + memory, output size, losses — per document and tool
const documents = [];
const generation: GenerationResult[] = [];
for (const doc of benchDocuments) {
  const inventory = readMetadataInventory(doc.file);
  documents.push({
    id: doc.id,
    label: doc.label,
    file: relative(repoRoot, doc.file),
    kb: statSync(doc.file).size / 1024,
    declared: {
      entityTypes: inventory.entityTypes.length,
      navigationProperties: inventory.navigationProperties.length,
      boundActions: inventory.boundActions.length,
      streamProperties: inventory.streamProperties.length,
      enumTypes: inventory.enumTypes.length,
    },
  });
  for (const tool of toolAdapters) {
    log(`generate ${doc.id} with ${tool.label} (${runs}×)`);
    const r = await measureGeneration(tool, doc, inventory, runs, unavailableOf(tool.id));
    log(r.run.ok ? `  ${(r.run.value.wallMs / 1000).toFixed(2)} s, ${r.run.value.peakRssMb?.toFixed(0)} MB` : `  not measured: ${r.run.reason}`);
    generation.push(r);
  }
}

// 2. tsc --noEmit of each generated output
const outputTypecheck = [];
for (const g of generation) {
  const tool = toolAdapters.find((t) => t.id === g.tool)!;
  log(`tsc ${g.document} output of ${tool.label}`);
  const result = g.codeDir
    ? await typecheckProject(join(g.codeDir, ".."), [`${relative(join(g.codeDir, ".."), g.codeDir)}/**/*.ts`], runs, tool.compilerOptions)
    : notMeasured(`no output (${g.run.ok ? "?" : g.run.reason})`);
  log(result.ok ? `  ${(result.value.wallMs / 1000).toFixed(2)} s, ${result.value.errors} errors` : `  not measured: ${result.reason}`);
  outputTypecheck.push({ tool: g.tool, document: g.document, result });
}

// 3. consumer programs (API v2.0): tsc, bundle, runtime overhead vs raw fetch
const server = await startCannedServer();
const consumers = [];
for (const tool of toolAdapters) {
  const dir = join(benchRoot, "consumers", tool.id);
  const missing = tool.id === "bcts" ? await bctsClientReady() : generation.find((g) => g.tool === tool.id && g.document === "api-v2.0")?.codeDir ? null : "its API v2.0 output was not generated";
  if (missing) {
    const skipped = notMeasured(missing);
    consumers.push({ tool: tool.id, typecheck: skipped, bundle: skipped, overhead: skipped });
    log(`consumer ${tool.label}: not measured (${missing})`);
    continue;
  }
  log(`consumer ${tool.label}: tsc, bundle, ${iterations} requests × ${runs}`);
  const typecheck = await typecheckProject(dir, ["main.ts", "queries.ts"], runs, tool.compilerOptions);
  const bundle = await bundleConsumer(tool.id);
  const overhead = await measureOverhead(tool.id, server, iterations, runs);
  consumers.push({ tool: tool.id, typecheck, bundle, overhead });
}
await server.close();

const results: BenchResults = {
  startedAt: started.toISOString(),
  durationS: (Date.now() - started.getTime()) / 1000,
  machine: machineInfo(),
  runs,
  iterations,
  tools,
  otherVersions: toolchainVersions(),
  documents,
  generation,
  outputTypecheck,
  server: server.kind,
  consumers,
};
writeFileSync(join(workRoot, "results.json"), JSON.stringify(results, null, 2));
const report = renderReport(results);
console.log(report);
if (writeDoc) {
  writeFileSync(join(repoRoot, "docs", "benchmarks.md"), report);
  log("wrote docs/benchmarks.md");
}
