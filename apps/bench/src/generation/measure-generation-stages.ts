import { rmSync } from "node:fs";
import { join } from "node:path";
import type { BenchDocument } from "../bench-document.js";
import { measured, notMeasured, type Measured } from "../measured.js";
import { generatedDir, repoRoot } from "../paths.js";
import { measureProcess, type ProcessMeasurement } from "../process/measure-process.js";
import { lastLine } from "../process/repeat-measurement.js";
import { bctsAdapter } from "../tools/bcts-adapter.js";
import { medianStages, parseStageLine, type StageMedians, type StageSample } from "./generation-stages.js";

/** bcts's generation of one document, stage by stage, with and without V8's code cache for ts-morph. */
export interface GenerationStagesResult {
  readonly document: string;
  /** the first run after the code cache was deleted: compiles ts-morph from source and writes the cache */
  readonly firstRun: Measured<StageSample>;
  /** medians of the runs that find the cache (every run after the first, as for a user) */
  readonly warm: Measured<StageMedians>;
  /** medians of the runs with `BCTS_CODE_CACHE=off` (plain require, nothing written) */
  readonly noCache: Measured<StageMedians>;
  /** medians of the runs with the cache and `BCTS_PRINT_WORKER=off` (everything on the main thread; absent in older results) */
  readonly mainThread?: Measured<StageMedians>;
  /** medians of the runs with the cache and `BCTS_PRINT_WORKER=on` (the worker whatever the load average; absent in older results) */
  readonly printWorker?: Measured<StageMedians>;
}

// Where @bcts/codegen keeps the cache in this workspace: .cache/bcts in the top node_modules of the
// path ts-morph is installed under (pnpm: <repo>/node_modules/.pnpm/… → <repo>/node_modules).
const codeCacheDir = join(repoRoot, "node_modules", ".cache", "bcts");

/**
 * Runs the bcts generation child on `doc`: once with the code cache deleted, then `runs` times
 * with the cache (codegen decides where to print), `runs` times with `BCTS_CODE_CACHE=off`, and
 * `runs` times each with the cache and `BCTS_PRINT_WORKER=off` / `=on` (printing on the main thread /
 * on the worker), alternating. Each run prints its stage
 * timings (`RouteResult.timings`); the parent adds the wall time. Leaves the cache written.
 */
export async function measureGenerationStages(doc: BenchDocument, runs: number): Promise<GenerationStagesResult> {
  const outDir = join(generatedDir(doc.id, "bcts"), "..", "bcts-stages");
  const run = async (env: Readonly<Record<string, string>>): Promise<Measured<StageSample>> => {
    bctsAdapter.prepare(doc, outDir);
    const spec = bctsAdapter.generation(doc, outDir);
    const m = await measureProcess({ ...spec, env: { ...spec.env, ...env } });
    const failed = failure(m);
    if (failed) return notMeasured(failed);
    const sample = parseStageLine(m.stdout, m.wallMs);
    return sample ? measured(sample) : notMeasured(`the child printed no stage timings: ${lastLine(m.stdout)}`);
  };
  rmSync(codeCacheDir, { recursive: true, force: true });
  const firstRun = await run({});
  const warm: Measured<StageSample>[] = [];
  const noCache: Measured<StageSample>[] = [];
  const mainThread: Measured<StageSample>[] = [];
  const printWorker: Measured<StageSample>[] = [];
  for (let i = 0; i < runs; i++) {
    warm.push(await run({}));
    noCache.push(await run({ BCTS_CODE_CACHE: "off" }));
    mainThread.push(await run({ BCTS_PRINT_WORKER: "off" }));
    printWorker.push(await run({ BCTS_PRINT_WORKER: "on" }));
  }
  rmSync(outDir, { recursive: true, force: true });
  return { document: doc.id, firstRun, warm: summarize(warm), noCache: summarize(noCache), mainThread: summarize(mainThread), printWorker: summarize(printWorker) };
}

function summarize(samples: readonly Measured<StageSample>[]): Measured<StageMedians> {
  const failed = samples.find((s) => !s.ok);
  if (failed && !failed.ok) return notMeasured(failed.reason);
  return measured(medianStages(samples.flatMap((s) => (s.ok ? [s.value] : []))));
}

function failure(m: ProcessMeasurement): string | null {
  if (m.timedOut) return "timed out";
  if (m.exitCode !== 0) return `exit code ${m.exitCode}: ${lastLine(m.stderr) || lastLine(m.stdout)}`;
  return null;
}
