import type { BenchResults } from "../bench-results.js";
import { STAGES, type StageMedians, type StageSample } from "../generation/generation-stages.js";
import type { Measured } from "../measured.js";

export const GENERATION_STAGES_START = "<!-- bench:generation-stages:start -->";
export const GENERATION_STAGES_END = "<!-- bench:generation-stages:end -->";

/** How much faster than the fastest peer bcts's generation should be (issue 20). */
export const GENERATION_GOAL_FACTOR = 5;

const ms = (v: number): string => `${v.toFixed(0)} ms`;

/**
 * Where bcts's generation time goes, per document: one row per stage, columns for the runs with
 * V8's code cache for ts-morph (every run after the first), without it (`BCTS_CODE_CACHE=off`), and
 * the very first run (compiles ts-morph and writes the cache). With its markers, for `--only generation`.
 */
export function generationStagesSection(results: Pick<BenchResults, "documents" | "generation" | "generationStages" | "tools" | "runs">): string[] {
  const out = [GENERATION_STAGES_START, "## Where bcts's generation time goes (issue 20)", ""];
  out.push(
    "The bench's bcts child (`apps/bench/src/tools/bcts-generate-child.ts`, plain `node` on codegen's built dist/) prints `performance.now()` at its first line and after `import(\"@bcts/codegen\")`, and `generate()`'s own per-stage `timings` (`RouteResult.timings`; `bcts generate --timings` prints the same). The last row is the parent's wall clock minus the child's last timestamp: spawning the process, GNU time, and exit. Each stage is a median on its own, so a column need not add up exactly to its wall time.",
    "",
    `Emit builds ts-morph structures; the interfaces, imports, re-exports and type aliases it produces are printed as text by \`packages/codegen/src/print/structures-as-text.ts\` (tests compare those bytes with ts-morph's printer on every fixture), and ts-morph is loaded only for a structure outside those shapes — none in these two documents, so \`ts-morph load\` is 0 here by default. Where it is loaded (the print worker below, or another document), V8's code cache matters: @bcts/codegen compiles ts-morph and its bundled TypeScript (12 MB of JavaScript) from a cache in \`node_modules/.cache/bcts\` that the first run writes (\`packages/codegen/src/code-cached-require.ts\`; \`BCTS_CODE_CACHE=off\` turns it off). "With cache" is what every run after the first sees, and what the generation rows above measured; "first run" is one run right after deleting the cache.`,
    "",
    "With `BCTS_PRINT_WORKER=on` (opt-in), codegen loads ts-morph and prints on a worker thread (`packages/codegen/src/print/print-in-worker.ts`) while the main thread reads, parses, models and emits: then `ts-morph load` overlaps the stages after it, `emit` includes handing the structures over, and `print` is the main thread's wait for the worker. \"Main thread\" and \"worker\" force it with `BCTS_PRINT_WORKER=off` / `=on`, alternating with the other runs, to show what the worker costs now that printing needs no ts-morph.",
    "",
  );
  const docs = results.documents.filter((d) => results.generationStages.some((s) => s.document === d.id));
  if (docs.length === 0) return [...out, "Not measured.", "", GENERATION_STAGES_END];
  type Column = { label: string; value: (key: (typeof STAGES)[number][0] | "wallMs") => string };
  const columns: Column[] = [];
  for (const doc of docs) {
    const s = results.generationStages.find((x) => x.document === doc.id)!;
    const median = (m: Measured<StageMedians>, label: string): Column => ({ label: `${doc.id}: ${label}${m.ok ? ` (${m.value.runs} run${m.value.runs === 1 ? "" : "s"})` : ""}`, value: (key) => (m.ok ? ms(m.value[key]) : "not measured") });
    const first = (m: Measured<StageSample>): Column => ({ label: `${doc.id}: first run${m.ok && m.value.codeCache ? ` (cache ${m.value.codeCache})` : ""}`, value: (key) => (m.ok ? ms(m.value[key]) : "not measured") });
    columns.push(median(s.warm, `with cache${s.warm.ok && s.warm.value.printThread ? `, print on ${s.warm.value.printThread}` : ""}`), ...(s.mainThread ? [median(s.mainThread, "main thread")] : []), ...(s.printWorker ? [median(s.printWorker, "worker")] : []), median(s.noCache, "no cache"), first(s.firstRun));
  }
  out.push(`| stage | ${columns.map((c) => c.label).join(" | ")} |`, `|---|${columns.map(() => "---:").join("|")}|`);
  for (const [key, label] of STAGES) out.push(`| ${label} | ${columns.map((c) => c.value(key)).join(" | ")} |`);
  out.push(`| **wall time** | ${columns.map((c) => `**${c.value("wallMs")}**`).join(" | ")} |`, "");
  for (const doc of docs) {
    const s = results.generationStages.find((x) => x.document === doc.id)!;
    const peers = results.generation.filter((g) => g.document === doc.id && g.tool !== "bcts" && g.run.ok);
    const fastest = peers.reduce<(typeof peers)[number] | undefined>((a, b) => (a === undefined || (b.run.ok && a.run.ok && b.run.value.wallMs < a.run.value.wallMs) ? b : a), undefined);
    if (!fastest?.run.ok || !s.warm.ok) continue;
    const target = fastest.run.value.wallMs / GENERATION_GOAL_FACTOR;
    const label = results.tools.find((t) => t.id === fastest.tool)?.label ?? fastest.tool;
    const noCacheNote = `${s.mainThread?.ok ? `; with BCTS_PRINT_WORKER=off ${ms(s.mainThread.value.wallMs)}` : ""}${s.printWorker?.ok ? `, =on ${ms(s.printWorker.value.wallMs)}` : ""}${s.noCache.ok ? `; without the cache ${ms(s.noCache.value.wallMs)}` : ""}`;
    out.push(`- ${doc.label}: the ${GENERATION_GOAL_FACTOR}× goal means at most ${ms(target)} per run (${label} ${ms(fastest.run.value.wallMs)} / ${GENERATION_GOAL_FACTOR}); these runs took ${ms(s.warm.value.wallMs)} with the cache${noCacheNote}.`);
  }
  out.push("", GENERATION_STAGES_END);
  return out;
}
