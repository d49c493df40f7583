// Benchmark (not a test): generation time and peak memory per real fixture, then tsc --noEmit time
// and memory of each generated client and of a consumer importing three entity sets.
// Run from the repo root: node --conditions=@bcts/source --import tsx packages/codegen/bench/generate-bench.ts
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../../..");
const fixtures = join(root, "fixtures/bc-metadata");
const work = join(here, "../test/.tmp/bench");
const tsc = join(root, "node_modules/typescript/bin/tsc");
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

interface Row { fixture: string; coldMs: number; warmMs: number; coldCpuMs: number; warmCpuMs: number; maxRssMb: number; files: number; tscS: number; tscMb: number; consumerS: number; consumerMb: number }
const rows: Row[] = [];
for (const fixture of readdirSync(fixtures).filter((f) => f.endsWith(".xml")).sort()) {
  const kind = fixture.startsWith("api") ? "api" : "odatav4";
  const outDir = join(work, fixture.replace(/\.xml$/, ""));
  const child = execFileSync(process.execPath, ["--conditions=@bcts/source", "--import", "tsx", join(here, "generate-once.ts"), join(fixtures, fixture), outDir, kind], { encoding: "utf8" });
  const gen = JSON.parse(child.trim().split("\n").pop()!) as { coldMs: number; warmMs: number; coldCpuMs: number; warmCpuMs: number; maxRssMb: number; files: number };
  const full = typecheck(outDir, ["**/*.ts"], "full");
  const consumer = typecheck(outDir, [writeConsumer(outDir, kind)], "consumer");
  rows.push({ fixture, ...gen, tscS: full.seconds, tscMb: full.mb, consumerS: consumer.seconds, consumerMb: consumer.mb });
}

function writeConsumer(outDir: string, kind: string): string {
  // Three entity sets, imported from their own modules (not the index), as the README recommends.
  const modules = readdirSync(outDir).filter((f) => f.endsWith(".ts") && !["index.ts", "paths.ts", "enums.ts", "complex-types.ts", "registry.ts", "operations.ts"].includes(f));
  const wanted = kind === "api" ? ["customer.ts", "sales-order.ts", "item.ts"] : modules.slice(0, 3);
  const picked = wanted.filter((m) => modules.includes(m));
  const lines = picked.map((m, i) => `import type * as m${i} from "./${m.replace(/\.ts$/, ".js")}";`);
  writeFileSync(join(outDir, "bench-consumer.ts"), `${lines.join("\n")}\nexport type Used = [${picked.map((_, i) => `m${i}`).map((m) => `keyof typeof ${m}`).join(", ")}];\n`);
  return "bench-consumer.ts";
}

function typecheck(dir: string, include: string[], name: string): { seconds: number; mb: number } {
  const config = join(dir, `tsconfig.${name}.json`);
  writeFileSync(config, JSON.stringify({ extends: relative(dir, join(root, "tsconfig.base.json")), compilerOptions: { noEmit: true, types: [] }, include }));
  const text = execFileSync(process.execPath, [tsc, "-p", config, "--extendedDiagnostics"], { encoding: "utf8" });
  const total = /Total time:\s+([\d.]+)s/.exec(text)?.[1];
  const memory = /Memory used:\s+(\d+)K/.exec(text)?.[1];
  return { seconds: Number(total), mb: Number(memory) / 1024 };
}

const header = "| fixture | files | generate cold wall / cpu (ms) | generate warm wall / cpu (ms) | peak RSS (MB) | tsc full (s) | tsc full heap (MB) | tsc 3 sets (s) | tsc 3 sets heap (MB) |";
console.log(header);
console.log(header.replace(/[^|]/g, "-"));
for (const r of rows) {
  console.log(`| ${r.fixture} | ${r.files} | ${r.coldMs.toFixed(0)} / ${r.coldCpuMs.toFixed(0)} | ${r.warmMs.toFixed(0)} / ${r.warmCpuMs.toFixed(0)} | ${r.maxRssMb.toFixed(0)} | ${r.tscS.toFixed(2)} | ${r.tscMb.toFixed(0)} | ${r.consumerS.toFixed(2)} | ${r.consumerMb.toFixed(0)} |`);
}
console.log("\nGoals: API v2.0 generation < 1 s in process; 2 MB ODataV4 < 2 s; full v2.0 client tsc < 5 s and < 1 GB; 3-set consumer tsc < 2 s.");
