import type { BenchResults } from "../bench-results.js";
import type { Measured } from "../measured.js";
import type { OverheadResult } from "../runtime/measure-overhead.js";
import type { ToolId } from "../tools/tool-adapter.js";
import { kb, mb, seconds } from "./format.js";
import { metricRow, type MetricRow } from "./metric-row.js";

const na = { text: "not measured", num: null };


/** Consumer program: type-check, bundle and runtime overhead. */
export function consumerRows(results: BenchResults, tools: readonly ToolId[]): MetricRow[] {
  const row = (...a: Parameters<typeof metricRow> extends [unknown, ...infer R] ? R : never) => metricRow(tools, ...a);
  const c = (t: ToolId) => results.consumers.find((x) => x.tool === t);
  return [
    row("`tsc --noEmit` of the consumer (incl. the generated code it imports)", true, "lower", (t) => {
      const r = c(t)?.typecheck;
      if (!r) return na;
      if (!r.ok) return { text: /crash/.test(r.reason) ? "tsc crashed" : "not measured", num: null };
      // a check that reports errors did not type-check the program: its time is shown, not compared
      return { text: `${seconds(r.value.wallMs)}${r.value.errors ? ` (${r.value.errors} errors)` : ""}`, num: r.value.errors ? null : r.value.wallMs };
    }),
    row("consumer `tsc` CPU time, user + sys", true, "lower", (t) => {
      const r = c(t)?.typecheck;
      return r?.ok && r.value.cpuMs !== null ? { text: seconds(r.value.cpuMs), num: r.value.cpuMs } : na;
    }),
    row("consumer `tsc` peak RSS", true, "lower", (t) => {
      const r = c(t)?.typecheck;
      return r?.ok ? { text: mb(r.value.peakRssMb), num: r.value.peakRssMb } : na;
    }),
    row("bundle, minified", true, "lower", (t) => {
      const r = c(t)?.bundle;
      return r?.ok ? { text: kb(r.value.minifiedBytes), num: r.value.minifiedBytes } : na;
    }),
    row("bundle, minified + gzip", true, "lower", (t) => {
      const r = c(t)?.bundle;
      return r?.ok ? { text: kb(r.value.gzipBytes), num: r.value.gzipBytes } : na;
    }),
    ...overheadRows(tools, "emulator", (t) => c(t)?.overhead),
    ...overheadRows(tools, "loopback stub", (t) => c(t)?.overheadCanned),
    row("rows read by the five queries (emulator; stub where the emulator run failed)", false, null, (t) => {
      const r = c(t)?.overhead.ok ? c(t)?.overhead : c(t)?.overheadCanned;
      return r?.ok ? { text: r.value.rows.join(" / "), num: null } : na;
    }),
  ];
}

function overheadRows(tools: readonly ToolId[], server: string, get: (t: ToolId) => Measured<OverheadResult> | undefined): MetricRow[] {
  const row = (...a: Parameters<typeof metricRow> extends [unknown, ...infer R] ? R : never) => metricRow(tools, ...a);
  return [
    // absolute times come from different child processes (each with its own raw-fetch baseline):
    // informative only; the ratio row is the comparison
    row(`${server}: query 2 through the client, median per request`, false, null, (t) => {
      const r = get(t);
      return r?.ok ? { text: `${r.value.clientMs.toFixed(3)} ms`, num: r.value.clientMs } : na;
    }),
    row(`${server}: same request with raw fetch`, false, null, (t) => {
      const r = get(t);
      return r?.ok ? { text: `${r.value.rawMs.toFixed(3)} ms`, num: r.value.rawMs } : na;
    }),
    row(`${server}: overhead = client / raw fetch`, true, "lower", (t) => {
      const r = get(t);
      return r?.ok ? { text: `${r.value.ratio.toFixed(2)}×`, num: r.value.ratio } : na;
    }),
  ];
}
