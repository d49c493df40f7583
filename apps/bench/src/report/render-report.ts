import type { BenchResults } from "../bench-results.js";
import { featureLabels } from "../losses/count-losses.js";
import type { ToolId } from "../tools/tool-adapter.js";
import { consumerRows } from "./consumer-rows.js";
import { documentRows } from "./document-rows.js";
import { checkGoals } from "./goals.js";
import { methodSection } from "./method-section.js";
import { threeSetsSection } from "./three-sets-section.js";
import { unmetGoalsSection } from "./unmet-goals-section.js";
import { generationStagesSection } from "./generation-stages-section.js";
import { valueSection } from "./value-section.js";
import { requestBreakdownSection } from "./request-breakdown-section.js";
import { bctsLosses, markdownTable } from "./metric-row.js";

/** docs/benchmarks.md, rendered from one run's results only. */
export function renderReport(results: BenchResults): string {
  const labels = Object.fromEntries(results.tools.map((t) => [t.id, t.label])) as Record<ToolId, string>;
  const tools = results.tools.map((t) => t.id);
  const consumerTools = results.consumers.map((c) => c.tool);
  const out: string[] = [];
  out.push("# Benchmarks: bcts vs odata2ts vs SAP Cloud SDK generator", "");
  out.push(`Written by \`pnpm bench\` (apps/bench) on ${results.startedAt.replace("T", " ").slice(0, 16)} UTC; the run took ${results.durationS.toFixed(0)} s. Do not edit by hand — rerun the bench. Every number below was measured in that run.`, "");
  out.push(`- Machine: ${results.machine}. 1-minute load average ${results.load[0].toFixed(1)} at the start, ${results.load[1].toFixed(1)} at the end: other work shared the machine, so wall times carry noise; each measurement is the median of ${results.runs} runs, tools are run round-robin so a busy spell hits all of them, and CPU time (user + sys) is shown next to wall time as the steadier figure.`);
  for (const t of results.tools) out.push(`- ${t.label}: ${t.version}${t.unavailable ? ` — **not measured: ${t.unavailable}**` : ""}`);
  out.push("- Peers at the newest versions that install from this machine's registry mirror (checked 2026-12-06): odata2ts 0.34.0 is the newest there; the SAP Cloud SDK generator lists 4.8.0, but its dependency @sap-cloud-sdk/generator-common 4.8.0 is missing from the mirror (newest 4.5.1), so 4.8.0 cannot install and 4.5.1 is measured.");
  out.push(`- ${results.otherVersions}`);
  out.push(`- Runtime servers: ${results.servers.emulator}; and ${results.servers.canned}.`, "");

  const goals = checkGoals(results, labels);
  out.push("## Goals (issues 4, 8, 17 and 20)", "", "| goal | this run | status |", "|---|---|---|");
  for (const g of goals) out.push(`| ${g.goal} | ${g.measured} | ${g.status === "met" ? "✅ met" : g.status === "not met" ? "❌ not met" : "not measured"} |`);
  out.push("");
  out.push(...unmetGoalsSection(results, goals, labels));

  const lossLines: string[] = goals.filter((g) => g.status === "not met").map((g) => `Goal not met: ${g.goal} — ${g.measured}.`);
  for (const doc of results.documents) {
    const rows = documentRows(results, doc.id, tools);
    out.push(`## ${doc.label}`, "", `\`${doc.file}\`, ${doc.kb.toFixed(0)} KB. Ratios are bcts / peer (below 1× = bcts smaller or faster; for "kept" rows, see the counts).`, "");
    out.push(markdownTable(rows, tools, labels), "");
    lossLines.push(...bctsLosses(rows, tools, labels, doc.label));
  }

  out.push(...generationStagesSection(results), "");

  const crows = consumerRows(results, consumerTools);
  out.push("## Consumer program: the same five queries per tool (API v2.0)", "");
  out.push("`apps/bench/consumers/<tool>/`: list companies; customers with `$select` + `$filter`; one customer by id; items with `$orderby` + `$top`; sales orders with `$expand` of lines. Query 2 is the one timed against raw fetch. odata2ts unbundled has the same API and runtime as odata2ts, so its consumer is not repeated.", "");
  out.push(markdownTable(crows, consumerTools, labels), "");
  lossLines.push(...bctsLosses(crows, consumerTools, labels, "consumer"));
  for (const c of results.consumers) {
    if (c.bundle.ok) out.push(`- ${labels[c.tool]} bundle, largest inputs: ${c.bundle.value.largestInputs.map((i) => `${i.path} ${(i.bytes / 1024).toFixed(0)} KB`).join(", ")}`);
  }
  out.push("");

  out.push(...requestBreakdownSection(results.requestBreakdown));
  out.push(...threeSetsSection(results));
  out.push(...valueSection(results));

  out.push("## Where bcts loses", "");
  out.push(...(lossLines.length ? lossLines.map((l) => `- ${l}`) : ["- Nowhere among the measured rows in this run (rows that were not measured are listed below)."]), "");

  out.push("## Not measured, and why", "");
  const notes = notMeasuredNotes(results, labels);
  out.push(...(notes.length ? notes.map((n) => `- ${n}`) : ["- Everything was measured."]), "");

  out.push(...methodSection(results, Object.values(featureLabels)));
  return out.join("\n") + "\n";
}

function notMeasuredNotes(results: BenchResults, labels: Record<ToolId, string>): string[] {
  const notes = new Set<string>();
  for (const t of results.tools) if (t.unavailable) notes.add(`${t.label} generation: ${t.unavailable}.`);
  for (const g of results.generation) {
    if (!g.run.ok && !results.tools.find((t) => t.id === g.tool)?.unavailable) notes.add(`${labels[g.tool]} on ${g.document}: ${g.run.reason}.`);
  }
  for (const r of results.outputTypecheck) {
    if (!r.result.ok) notes.add(`\`tsc\` of ${labels[r.tool]}'s ${r.document} output: ${r.result.reason}.`);
    else if (r.result.value.errors) notes.add(`\`tsc\` of ${labels[r.tool]}'s ${r.document} output reported ${r.result.value.errors} errors, so its time is not compared (first: ${r.result.value.firstError}).`);
  }
  for (const c of results.consumers) {
    for (const [what, m] of [["consumer tsc", c.typecheck], ["bundle", c.bundle], ["runtime (emulator)", c.overhead], ["runtime (stub)", c.overheadCanned]] as const) {
      if (!m.ok) notes.add(`${labels[c.tool]} ${what}: ${m.reason.replace(/\.\s*$/, "")}.`);
    }
    if (c.typecheck.ok && c.typecheck.value.errors) {
      notes.add(`${labels[c.tool]} consumer tsc reported ${c.typecheck.value.errors} errors, so its time is not compared (first: ${c.typecheck.value.firstError}).`);
    }
  }
  if (!results.threeSetConsumer.ok) notes.add(`bcts three-set consumer tsc: ${results.threeSetConsumer.reason.replace(/\.\s*$/, "")}.`);
  else if (results.threeSetConsumer.value.errors) notes.add(`bcts three-set consumer tsc reported ${results.threeSetConsumer.value.errors} errors (first: ${results.threeSetConsumer.value.firstError}).`);
  if (!results.valueCost.ok) notes.add(`value conversion: ${results.valueCost.reason.replace(/\.\s*$/, "")}.`);
  return [...notes];
}
