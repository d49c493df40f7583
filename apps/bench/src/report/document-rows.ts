import type { BenchResults } from "../bench-results.js";
import { featureLabels, type FeatureKind } from "../losses/count-losses.js";
import type { ToolId } from "../tools/tool-adapter.js";
import { int, mb, seconds } from "./format.js";
import { metricRow, type MetricRow } from "./metric-row.js";

const na = { text: "not measured", num: null };


/** Generation, output size, output type-check and losses for one document. */
export function documentRows(results: BenchResults, documentId: string, tools: readonly ToolId[]): MetricRow[] {
  const row = (...a: Parameters<typeof metricRow> extends [unknown, ...infer R] ? R : never) => metricRow(tools, ...a);
  const gen = (t: ToolId) => results.generation.find((g) => g.tool === t && g.document === documentId);
  const tsc = (t: ToolId) => results.outputTypecheck.find((g) => g.tool === t && g.document === documentId)?.result;
  const rows: MetricRow[] = [
    row("generation wall time (median)", true, "lower", (t) => {
      const r = gen(t)?.run;
      return r?.ok ? { text: seconds(r.value.wallMs), num: r.value.wallMs } : na;
    }),
    row("generation CPU time, user + sys (median)", true, "lower", (t) => {
      const r = gen(t)?.run;
      return r?.ok && r.value.cpuMs !== null ? { text: seconds(r.value.cpuMs), num: r.value.cpuMs } : na;
    }),
    row("generation peak RSS", true, "lower", (t) => {
      const r = gen(t)?.run;
      return r?.ok ? { text: mb(r.value.peakRssMb), num: r.value.peakRssMb } : na;
    }),
    row("output files", true, null, (t) => {
      const s = gen(t)?.size;
      return s?.ok ? { text: int(s.value.files), num: s.value.files } : na;
    }),
    row("output lines", true, "lower", (t) => {
      const s = gen(t)?.size;
      return s?.ok ? { text: int(s.value.lines), num: s.value.lines } : na;
    }),
    row("`tsc --noEmit` of the output", true, "lower", (t) => {
      const r = tsc(t);
      if (!r) return na;
      if (!r.ok) return { text: /crash/.test(r.reason) ? "tsc crashed" : "not measured", num: null };
      // a check that reports errors did not type-check the program: its time is shown, not compared
      return { text: `${seconds(r.value.wallMs)}${r.value.errors ? ` (${r.value.errors} errors)` : ""}`, num: r.value.errors ? null : r.value.wallMs };
    }),
    row("`tsc` CPU time, user + sys", true, "lower", (t) => {
      const r = tsc(t);
      return r?.ok && r.value.cpuMs !== null ? { text: seconds(r.value.cpuMs), num: r.value.cpuMs } : na;
    }),
    row("`tsc` peak RSS", true, "lower", (t) => {
      const r = tsc(t);
      return r?.ok ? { text: mb(r.value.peakRssMb), num: r.value.peakRssMb } : na;
    }),
  ];
  const declared = results.documents.find((d) => d.id === documentId)?.declared ?? {};
  for (const kind of Object.keys(featureLabels) as FeatureKind[]) {
    rows.push(row(`${featureLabels[kind]} kept (of ${declared[kind] ?? "?"})`, false, "higher", (t) => {
      const l = gen(t)?.losses;
      return l?.ok ? { text: `${l.value[kind].survived}/${l.value[kind].declared}`, num: l.value[kind].survived } : na;
    }));
  }
  return rows;
}
