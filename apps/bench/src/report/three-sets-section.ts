import type { BenchResults } from "../bench-results.js";
import { mb, seconds } from "./format.js";

/** The bcts consumer that imports three entity set modules (issue 4), next to the whole-client consumer of the same run. */
export function threeSetsSection(results: BenchResults): string[] {
  const three = results.threeSetConsumer;
  const whole = results.consumers.find((c) => c.tool === "bcts")?.typecheck;
  const out = [
    "## Consumer importing three entity sets (bcts, API v2.0)",
    "",
    "`apps/bench/consumers/bcts-three-sets/main.ts` imports `customersSet`, `itemsSet` and `salesOrdersSet` through `@bcts/client/api-v2.0/customer`, `…/item` and `…/sales-order`, builds its own route with `defineRoute` and `createODataClient` from `@bcts/odata`, and runs three typed queries (customers with `$select` + `filter`, items with `$select` + `filter` + `$orderby` + `$top`, sales orders with `$select` + `$expand` of salesOrderLines). The whole-client column is the five-query consumer above, which imports `@bcts/client` (every API v2.0 entity set), measured in the same round-robin.",
    "",
    "| `tsc --noEmit` | three entity sets | whole `@bcts/client` | three / whole |",
    "|---|---:|---:|---:|",
  ];
  if (!three.ok) return [...out.slice(0, 4), `Not measured: ${three.reason}.`, ""];
  const w = whole?.ok ? whole.value : null;
  const row = (label: string, a: number | null, b: number | null, format: (v: number) => string) =>
    `| ${label} | ${a === null ? "n/a" : format(a)} | ${b === null ? "not measured" : format(b)} | ${a !== null && b !== null && b !== 0 ? `${(a / b).toFixed(2)}×` : "—"} |`;
  out.push(
    row("wall time (median)", three.value.wallMs, w?.wallMs ?? null, seconds),
    row("CPU time, user + sys (median)", three.value.cpuMs, w?.cpuMs ?? null, seconds),
    row("peak RSS (median)", three.value.peakRssMb, w?.peakRssMb ?? null, (v) => mb(v)),
    `| errors | ${three.value.errors} | ${w ? w.errors : "not measured"} | — |`,
    "",
  );
  return out;
}
