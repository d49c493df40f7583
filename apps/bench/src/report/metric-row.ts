import type { ToolId } from "../tools/tool-adapter.js";

/** One table row: a cell per tool, with the number behind it for ratios and comparisons. */
export interface MetricRow {
  readonly label: string;
  readonly cells: Readonly<Record<ToolId, { readonly text: string; readonly num: number | null }>>;
  /** print bcts / peer ratios for this row */
  readonly ratio: boolean;
  /** "lower" (time, memory, size), "higher" (features kept) or null (informative only) */
  readonly better: "lower" | "higher" | null;
}

export const toolOrder: readonly ToolId[] = ["bcts", "odata2ts", "sap"];
export const peers: readonly ToolId[] = ["odata2ts", "sap"];

/** Rows → a markdown table with bcts/peer ratio columns. */
export function markdownTable(rows: readonly MetricRow[], labels: Readonly<Record<ToolId, string>>): string {
  const head = ["", ...toolOrder.map((t) => labels[t]), ...peers.map((p) => `bcts / ${labels[p]}`)];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`];
  for (const row of rows) {
    const b = row.cells.bcts.num;
    const ratios = peers.map((p) => {
      const n = row.cells[p].num;
      return row.ratio && b !== null && n !== null && n !== 0 ? `${(b / n).toFixed(2)}×` : "—";
    });
    lines.push(`| ${[row.label, ...toolOrder.map((t) => row.cells[t].text), ...ratios].join(" | ")} |`);
  }
  return lines.join("\n");
}

/** Sentences for every row where bcts is measurably worse than a peer. */
export function bctsLosses(rows: readonly MetricRow[], labels: Readonly<Record<ToolId, string>>, context: string): string[] {
  const out: string[] = [];
  for (const row of rows) {
    const b = row.cells.bcts.num;
    if (b === null || row.better === null) continue;
    for (const p of peers) {
      const n = row.cells[p].num;
      if (n === null) continue;
      const worse = row.better === "lower" ? b > n : b < n;
      if (worse) out.push(`${context}: ${row.label} — bcts ${row.cells.bcts.text} vs ${labels[p]} ${row.cells[p].text}.`);
    }
  }
  return out;
}
