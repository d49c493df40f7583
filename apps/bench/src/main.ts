// `pnpm bench`: bcts vs @odata2ts/odata2ts vs @sap-cloud-sdk/generator on real BC metadata.
// Every number printed is measured in this run; what cannot run is reported as "not measured".
//   --runs N        repetitions per measurement, median reported (default 3)
//   --iterations N  requests per timing loop in the runtime overhead check (default 1000, after 1000 warm-up rounds)
//   --no-doc        print only; do not rewrite docs/benchmarks.md
//   --only scale-out  only the many-workers section (issue 16), replaced in docs/benchmarks.md
//   --only throttling only the throughput-at-the-limits section (issue 13), replaced in docs/benchmarks.md
//   --only bulk     only the bulk-writes/delta-sync section (issue 17), replaced in docs/benchmarks.md
//   --only generation every tool's generation and bcts's stage breakdown (issue 20); replaces the stage section
//   --only runtime  bcts's request overhead (emulator, stub) and the per-layer breakdown; prints only
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { benchDocuments } from "./bench-document.js";
import type { BenchResults } from "./bench-results.js";
import { bundleConsumer } from "./bundle/bundle-consumer.js";
import { measureGenerations, type GenerationResult } from "./generation/measure-generation.js";
import { measureGenerationStages, type GenerationStagesResult } from "./generation/measure-generation-stages.js";
import { readMetadataInventory } from "./losses/metadata-inventory.js";
import { loadAverage, machineInfo, toolchainVersions } from "./machine-info.js";
import { notMeasured } from "./measured.js";
import { benchRoot, repoRoot, workRoot } from "./paths.js";
import { renderReport } from "./report/render-report.js";
import { startCannedServer, type BenchServer } from "./runtime/canned-server.js";
import { startEmulatorServer } from "./runtime/emulator-server.js";
import { warmUp } from "./runtime/warm-up.js";
import { measureOverhead, type OverheadResult } from "./runtime/measure-overhead.js";
import { measureRequestBreakdown } from "./runtime/measure-request-breakdown.js";
import { bulkSection, measureBulk } from "./bulk/measure-bulk.js";
import { measureSyncMemory } from "./bulk/measure-sync-memory.js";
import { bctsClientReady } from "./tools/bcts-client-ready.js";
import { installedClientOptions, installedRuntimeOptions } from "./tools/installed-runtime-options.js";
import { toolAdapters } from "./tools/tool-adapters.js";
import { measureRoundRobin } from "./process/repeat-measurement.js";
import { mb, seconds } from "./report/format.js";
import { typecheckJob, typecheckResult, type TypecheckResult } from "./typecheck/typecheck-project.js";
import { measureValueCost } from "./values/measure-values.js";
import { scaleOutSection, writeScaleOutSection } from "./scale-out/run-scale-out.js";
import { runThrottlingOnly, throttlingReport } from "./throttling/throttling-only.js";

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const runs = flag("--runs", Number(process.env["BENCH_RUNS"] ?? 3));
const iterations = flag("--iterations", 1000);
const writeDoc = !args.includes("--no-doc");

const started = new Date();
const loadAtStart = loadAverage();
const log = (msg: string): void => console.error(`[bench ${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(4)} s] ${msg}`);
mkdirSync(workRoot, { recursive: true });
if (args.includes("--only") && args[args.indexOf("--only") + 1] === "throttling") {
  await runThrottlingOnly(writeDoc, log);
  process.exit(0);
}
if (args.includes("--only") && args[args.indexOf("--only") + 1] === "bulk") {
  await (await import("./bulk/bulk-only.js")).runBulkOnly(writeDoc, log);
  process.exit(0);
}
if (args.includes("--only") && args[args.indexOf("--only") + 1] === "generation") {
  await (await import("./generation/generation-only.js")).runGenerationOnly(runs, writeDoc, log);
  process.exit(0);
}
if (args.includes("--only") && args[args.indexOf("--only") + 1] === "runtime") {
  await (await import("./runtime/runtime-only.js")).runRuntimeOnly(iterations, runs, log);
  process.exit(0);
}
if (args.includes("--only") && args[args.indexOf("--only") + 1] === "scale-out") {
  const section = await scaleOutSection(log);
  console.log(section);
  if (writeDoc) writeScaleOutSection(section);
  process.exit(0);
}

const tools: BenchResults["tools"][number][] = [];
for (const tool of toolAdapters) {
  const unavailable = await tool.unavailableReason();
  tools.push({ id: tool.id, label: tool.label, version: tool.version(), unavailable });
  log(`${tool.label}: ${unavailable ? `not measured (${unavailable})` : tool.version()}`);
}
const unavailableOf = (id: string) => tools.find((t) => t.id === id)?.unavailable ?? null;

// 1. generation time + memory, output size, losses — per document, tools round-robin
const documents = [];
const generation: GenerationResult[] = [];
const generationStages: GenerationStagesResult[] = [];
const adapters = toolAdapters.map((adapter) => ({ adapter, unavailable: unavailableOf(adapter.id) }));
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
  log(`generate ${doc.id}: ${runs}× round-robin over ${adapters.filter((a) => !a.unavailable).map((a) => a.adapter.label).join(", ")}`);
  for (const r of await measureGenerations(adapters, doc, inventory, runs)) {
    log(`  ${r.tool}: ${r.run.ok ? `${seconds(r.run.value.wallMs)} wall, ${r.run.value.cpuMs === null ? "?" : seconds(r.run.value.cpuMs)} CPU, ${mb(r.run.value.peakRssMb)}` : `not measured: ${r.run.reason}`}`);
    generation.push(r);
  }
  if (!unavailableOf("bcts")) {
    log(`bcts stages of ${doc.id}: first run, then ${runs}× with and without the code cache`);
    generationStages.push(await measureGenerationStages(doc, runs));
  }
}

// 2. tsc --noEmit of each generated output, round-robin per document
const outputTypecheck: BenchResults["outputTypecheck"][number][] = [];
for (const doc of benchDocuments) {
  const gens = generation.filter((g) => g.document === doc.id);
  const withCode = gens.filter((g) => g.codeDir !== null);
  log(`tsc of the ${doc.id} outputs: ${runs}× round-robin`);
  const results = await measureRoundRobin(
    withCode.map((g) => {
      const root = join(g.codeDir!, "..");
      return typecheckJob(root, [`${relative(root, g.codeDir!)}/**/*.ts`], toolAdapters.find((t) => t.id === g.tool)!.compilerOptions);
    }),
    runs,
  );
  for (const g of gens) {
    const i = withCode.indexOf(g);
    const result = i >= 0 ? typecheckResult(results[i]!) : notMeasured<TypecheckResult>(`no output (${g.run.ok ? "?" : g.run.reason})`);
    log(`  ${g.tool}: ${result.ok ? `${seconds(result.value.wallMs)}, ${result.value.errors} errors` : `not measured: ${result.reason}`}`);
    outputTypecheck.push({ tool: g.tool, document: g.document, result });
  }
}

// 3. consumer programs (API v2.0): tsc, bundle, runtime overhead vs raw fetch; tsc of the three-set consumer
const canned = await startCannedServer();
let emulator: BenchServer | null = null;
let emulatorKind: string;
try {
  emulator = await startEmulatorServer();
  emulatorKind = emulator.kind;
} catch (error) {
  emulatorKind = `not available: ${(error as Error).message.split("\n")[0]}`;
  log(`emulator ${emulatorKind}`);
}
// warm the servers' code paths (the emulator runs in this process) before any client is timed,
// so the first tool measured does not pay for the server's JIT warm-up
for (const server of [emulator, canned]) if (server) await warmUp(server);
const consumers = [];
const ready = [];
// one consumer program per tool API (odata2ts unbundled shares odata2ts's API and runtime)
for (const tool of toolAdapters.filter((t) => existsSync(join(benchRoot, "consumers", t.id, "queries.ts")))) {
  const missing = tool.id === "bcts"
    ? await bctsClientReady()
    : generation.find((g) => g.tool === tool.id && g.document === "api-v2.0")?.codeDir ? null : "its API v2.0 output was not generated";
  if (missing) log(`consumer ${tool.label}: not measured (${missing})`);
  ready.push({ tool, missing });
}
const runnableConsumers = ready.filter((r) => !r.missing);
// the bcts-only consumer that imports three entity set modules (issue 4) joins the same round-robin
const bctsTool = ready.find((r) => r.tool.id === "bcts");
const threeSetsMissing = bctsTool ? bctsTool.missing : "bcts is not among the tools";
log(`tsc of the consumers${threeSetsMissing ? "" : " and of the three-set consumer"}: ${runs}× round-robin`);
const consumerTsc = await measureRoundRobin(
  [
    ...runnableConsumers.map(({ tool }) => typecheckJob(join(benchRoot, "consumers", tool.id), ["main.ts", "queries.ts"], tool.compilerOptions)),
    ...(threeSetsMissing
      ? []
      : [
          typecheckJob(join(benchRoot, "consumers", "bcts-three-sets"), ["main.ts"], bctsTool!.tool.compilerOptions),
          // the same program as a user's project sees it: @bcts/odata installed (dist .d.ts), generated modules as .ts
          typecheckJob(join(benchRoot, "consumers", "bcts-three-sets"), ["main.ts"], installedRuntimeOptions(), "tsconfig.installed.json"),
          // issue 20: the five-query consumer with @bcts/client and @bcts/odata as installed (dist .d.ts)
          typecheckJob(join(benchRoot, "consumers", "bcts"), ["main.ts", "queries.ts"], installedClientOptions(), "tsconfig.installed.json", ["--extendedDiagnostics"]),
        ]),
    // what tsc costs before a consumer's first line, with the same options (an empty program)
    typecheckJob(join(benchRoot, "consumers", "tsc-floor"), ["main.ts"], {}, "tsconfig.bench.json", ["--extendedDiagnostics"]),
  ],
  runs,
);
const wholeClientInstalled = threeSetsMissing ? notMeasured<TypecheckResult>(threeSetsMissing) : typecheckResult(consumerTsc[runnableConsumers.length + 2]!);
const typecheckFloor = typecheckResult(consumerTsc.at(-1)!);
const threeSetConsumer = threeSetsMissing ? notMeasured<TypecheckResult>(threeSetsMissing) : typecheckResult(consumerTsc[runnableConsumers.length]!);
const threeSetConsumerInstalled = threeSetsMissing ? notMeasured<TypecheckResult>(threeSetsMissing) : typecheckResult(consumerTsc[runnableConsumers.length + 1]!);
for (const [label, r] of [["runtime sources", threeSetConsumer], ["@bcts/odata installed", threeSetConsumerInstalled], ["whole client installed", wholeClientInstalled], ["empty program", typecheckFloor]] as const) {
  log(`three-set consumer (${label}): tsc ${r.ok ? `${seconds(r.value.wallMs)}, ${r.value.cpuMs === null ? "?" : seconds(r.value.cpuMs)} CPU, ${mb(r.value.peakRssMb)}, ${r.value.errors} errors` : r.reason}`);
}
for (const { tool, missing } of ready) {
  if (missing) {
    const skipped = notMeasured(missing);
    consumers.push({ tool: tool.id, typecheck: skipped, bundle: skipped, overhead: skipped, overheadCanned: skipped });
    continue;
  }
  const typecheck = typecheckResult(consumerTsc[runnableConsumers.findIndex((r) => r.tool === tool)]!);
  log(`consumer ${tool.label}: tsc ${typecheck.ok ? `${seconds(typecheck.value.wallMs)}, ${typecheck.value.errors} errors` : typecheck.reason}; bundle; ${iterations} requests × ${runs}`);
  const bundle = await bundleConsumer(tool.id);
  const overhead = emulator ? await measureOverhead(tool.id, emulator, iterations, runs) : notMeasured<OverheadResult>(`emulator ${emulatorKind}`);
  const overheadCanned = await measureOverhead(tool.id, canned, iterations, runs);
  for (const [where, m] of [["emulator", overhead], ["stub", overheadCanned]] as const) {
    log(m.ok ? `  ${where}: ${m.value.ratio.toFixed(2)}× raw fetch, rows ${m.value.rows.join("/")}` : `  ${where}: not measured: ${m.reason}`);
  }
  consumers.push({ tool: tool.id, typecheck, bundle, overhead, overheadCanned });
}
await canned.close();
await emulator?.close();
log("where a request's time goes: bcts layer by layer (in-memory fetch)");
const requestBreakdown = await measureRequestBreakdown();

// 4. value conversion: a page of sales orders through JSON.parse and the dates / lossless-decimal codecs
log("value conversion: JSON.parse vs the dates: \"Date\" and decimal: \"string\" codecs");
const valueCost = await measureValueCost(benchDocuments.find((d) => d.id === "api-v2.0")!);
log(valueCost.ok ? `  ${valueCost.value.reads.map((r) => `${r.id} ${r.wallUs.toFixed(0)} µs`).join(", ")} per page` : `  not measured: ${valueCost.reason}`);

// 5. bulk writes and delta sync (issue 17), measured before the report: the paging-memory goal reads it
log("bulk writes and delta sync (emulator in a child process)");
const bulkFigures = await measureBulk(log);
const syncMemory = await measureSyncMemory(log);

const results: BenchResults = {
  startedAt: started.toISOString(),
  durationS: (Date.now() - started.getTime()) / 1000,
  machine: machineInfo(),
  load: [loadAtStart, loadAverage()],
  runs,
  iterations,
  tools,
  otherVersions: toolchainVersions(),
  documents,
  generation,
  generationStages,
  outputTypecheck,
  servers: { emulator: emulatorKind, canned: canned.kind },
  consumers,
  threeSetConsumer,
  threeSetConsumerInstalled,
  wholeClientInstalled,
  typecheckFloor,
  requestBreakdown,
  valueCost,
  syncMemory,
  bulk: bulkFigures,
};
writeFileSync(join(workRoot, "results.json"), JSON.stringify(results, null, 2));
const report = `${renderReport(results).trimEnd()}\n\n${await scaleOutSection(log)}\n\n${await throttlingReport(log)}\n\n${bulkSection(bulkFigures, syncMemory, new Date().toISOString())}\n`;
console.log(report);
if (writeDoc) {
  writeFileSync(join(repoRoot, "docs", "benchmarks.md"), report);
  log("wrote docs/benchmarks.md");
}
