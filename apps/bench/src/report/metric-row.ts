import type { ToolId } from "../tools/tool-adapter.js";

/** One table row: a cell per tool, with the number behind it for ratios and comparisons. */
export interface MetricRow {
  readonly label: string;
  readonly cells: Readonly<Partial<Record<ToolId, { readonly text: string; readonly num: number | null }>>>;
  /** print bcts / peer ratios for this row */
  readonly ratio: boolean;
  /** "lower" (time, memory, size), "higher" (features kept) or null (informative only) */
  readonly better: "lower" | "higher" | null;
}

const na = { text: "not measured", num: null };

/** Rows → a markdown table (bcts first) with bcts/peer ratio columns. */
export function markdownTable(rows: readonly MetricRow[], tools: readonly ToolId[], labels: Readonly<Record<ToolId, string>>): string {
  const peers = tools.filter((t) => t !== "bcts");
  const head = ["", ...tools.map((t) => labels[t]), ...peers.map((p) => `bcts / ${labels[p]}`)];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`];
  for (const row of rows) {
    const b = row.cells.bcts?.num ?? null;
    const ratios = peers.map((p) => {
      const n = row.cells[p]?.num ?? null;
      return row.ratio && b !== null && n !== null && n !== 0 ? `${(b / n).toFixed(2)}×` : "—";
    });
    lines.push(`| ${[row.label, ...tools.map((t) => (row.cells[t] ?? na).text), ...ratios].join(" | ")} |`);
  }
  return lines.join("\n");
}

/** Sentences for every row where bcts is measurably worse than a peer. */
export function bctsLosses(rows: readonly MetricRow[], tools: readonly ToolId[], labels: Readonly<Record<ToolId, string>>, context: string): string[] {
  const out: string[] = [];
  for (const row of rows) {
    const b = row.cells.bcts?.num ?? null;
    if (b === null || row.better === null) continue;
    for (const p of tools.filter((t) => t !== "bcts")) {
      const n = row.cells[p]?.num ?? null;
      if (n === null) continue;
      const worse = row.better === "lower" ? b > n : b < n;
      if (worse) out.push(`${context}: ${row.label} — bcts ${row.cells.bcts?.text} vs ${labels[p]} ${row.cells[p]?.text}.`);
    }
  }
  return out;
}

/** Builds a row from a cell function over the given tools. */
export function metricRow(
  tools: readonly ToolId[],
  label: string,
  ratio: boolean,
  better: MetricRow["better"],
  cellOf: (t: ToolId) => { text: string; num: number | null },
): MetricRow {
  return { label, ratio, better, cells: Object.fromEntries(tools.map((t) => [t, cellOf(t)])) };
}
