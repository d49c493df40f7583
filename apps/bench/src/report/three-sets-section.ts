import type { BenchResults } from "../bench-results.js";
import type { Measured } from "../measured.js";
import type { TypecheckResult } from "../typecheck/typecheck-project.js";
import { mb, seconds } from "./format.js";

/** The bcts consumer that imports three entity set modules (issue 4), next to the whole-client consumer of the same run. */
export function threeSetsSection(results: BenchResults): string[] {
  const columns: readonly [string, Measured<TypecheckResult> | undefined][] = [
    ["three sets, @bcts/odata installed", results.threeSetConsumerInstalled],
    ["three sets, runtime sources", results.threeSetConsumer],
    ["whole `@bcts/client`, installed", results.wholeClientInstalled],
    ["whole `@bcts/client`, runtime sources", results.consumers.find((c) => c.tool === "bcts")?.typecheck],
    ["empty program (tsc's floor)", results.typecheckFloor],
  ];
  const cell = (m: Measured<TypecheckResult> | undefined, pick: (v: TypecheckResult) => number | null, format: (v: number) => string) => {
    if (m === undefined || !m.ok) return "not measured";
    const v = pick(m.value);
    return v === null ? "n/a" : format(v);
  };
  const out = [
    "## Type-check of bcts consumers: three entity sets, the whole client (API v2.0)",
    "",
    "`apps/bench/consumers/bcts-three-sets/main.ts` imports `customersSet`, `itemsSet` and `salesOrdersSet` through `@bcts/client/api-v2.0/customer`, `…/item` and `…/sales-order`, builds its own route with `defineRoute` and `createODataClient` from `@bcts/odata`, and runs three typed queries (customers with `$select` + `filter`, items with `$select` + `filter` + `$orderby` + `$top`, sales orders with `$select` + `$expand` of salesOrderLines). It is type-checked twice: as a project that generated its own client sees it — the three generated entity modules as `.ts` sources, @bcts/odata as installed from the registry (its built `dist/*.d.ts`, which `skipLibCheck` skips, as for the peers' runtimes) — and as in this workspace, where the `@bcts/source` condition makes tsc type-check @bcts/odata's sources too. The whole-client columns are the five-query consumer above (every API v2.0 entity set): once with @bcts/client and @bcts/odata as installed from the registry (their built `dist/*.d.ts`; issue 20's goal is judged on this one), once with workspace sources. The last column is an empty program with the same compiler options — what tsc costs on this machine before a consumer's first line (its start, lib.es2023 + DOM and @types/node) — all measured in the same round-robin.",
    "",
    `| \`tsc --noEmit\` | ${columns.map(([label]) => label).join(" | ")} |`,
    `|---|${columns.map(() => "---:").join("|")}|`,
    `| wall time (median) | ${columns.map(([, m]) => cell(m, (v) => v.wallMs, seconds)).join(" | ")} |`,
    `| CPU time, user + sys (median) | ${columns.map(([, m]) => cell(m, (v) => v.cpuMs, seconds)).join(" | ")} |`,
    `| peak RSS (median) | ${columns.map(([, m]) => cell(m, (v) => v.peakRssMb, (x) => mb(x))).join(" | ")} |`,
    `| errors | ${columns.map(([, m]) => cell(m, (v) => v.errors, String)).join(" | ")} |`,
    "",
  ];
  return out;
}
