import type { BenchResults } from "../bench-results.js";
import type { ValueCost } from "../values/value-cost.js";

const variantLabel: Readonly<Record<ValueCost["id"], string>> = {
  plain: "plain route (default options)",
  dates: "`dates: \"Date\"`",
  datesDecimals: "`dates: \"Date\"`, `decimal: \"string\"`",
};

/** What the value codec costs per page read and per body written, against plain JSON. */
export function valueSection(results: BenchResults): string[] {
  const out = ["## Value conversion (dates as Date, decimals as strings)", ""];
  const r = results.valueCost;
  if (!r.ok) return [...out, `Not measured: ${r.reason}.`, ""];
  const v = r.value;
  out.push(
    `One list page of ${v.orders} sales orders with ${v.linesPerOrder} expanded salesOrderLines each (${(v.pageBytes / 1024).toFixed(0)} KB of JSON; the codecs turn ${v.converted.dates} values per page into \`Date\` and ${v.converted.decimals} decimals into strings), and one sales order with ${v.orderLines} lines as a deep-insert body (${(v.orderBytes / 1024).toFixed(1)} KB). Ratios are to the plain route; times include parsing.`,
    "",
    ...table("read one page", v.reads),
    "",
    ...table("write one order", v.writes),
    "",
  );
  return out;
}

function table(what: string, costs: readonly ValueCost[]): string[] {
  const plain = costs.find((c) => c.id === "plain");
  const lines = [`| ${what} | code | µs (median) | CPU µs (median) | × plain |`, "|---|---|---:|---:|---:|"];
  for (const c of costs) {
    lines.push(`| ${variantLabel[c.id]} | \`${c.code}\` | ${c.wallUs.toFixed(0)} | ${c.cpuUs.toFixed(0)} | ${plain && plain.wallUs > 0 ? `${(c.wallUs / plain.wallUs).toFixed(2)}×` : "—"} |`);
  }
  return lines;
}
