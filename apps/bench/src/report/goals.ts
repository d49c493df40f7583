import type { BenchResults } from "../bench-results.js";
import type { ToolId } from "../tools/tool-adapter.js";
import { GENERATION_GOAL_FACTOR } from "./generation-stages-section.js";

export interface GoalCheck {
  /** Stable key for code that reads the checks (`generation:<document>`, `overhead:emulator`, …); `goal` is the wording. */
  readonly id: string;
  readonly goal: string;
  readonly measured: string;
  readonly status: "met" | "not met" | "not measured";
}

/** The request-overhead goals of issue 20 (client ÷ raw fetch). */
export const OVERHEAD_GOALS = { emulator: 1.05, stub: 1.1 } as const;
/** Issue 20: the whole-client consumer type-checks in at most this (wall time). */
export const WHOLE_CLIENT_GOAL_MS = 1200;

function fastest(values: readonly { tool: ToolId; v: number | null }[]): { tool: ToolId; v: number } | null {
  const ok = values.filter((x): x is { tool: ToolId; v: number } => x.v !== null);
  return ok.length ? ok.reduce((a, b) => (b.v < a.v ? b : a)) : null;
}

/** The goals of issues 4, 8, 17 and 20, evaluated on this run's numbers only. */
export function checkGoals(results: BenchResults, labels: Readonly<Record<ToolId, string>>): GoalCheck[] {
  const checks: GoalCheck[] = [];
  const peerIds = results.tools.map((t) => t.id).filter((t) => t !== "bcts");
  for (const doc of results.documents) {
    const run = (t: ToolId) => {
      const r = results.generation.find((g) => g.tool === t && g.document === doc.id)?.run;
      return r?.ok ? r.value : null;
    };
    const b = run("bcts")?.wallMs ?? null;
    const f = fastest(peerIds.map((t) => ({ tool: t, v: run(t)?.wallMs ?? null })));
    const bCpu = run("bcts")?.cpuMs ?? null;
    const fCpu = fastest(peerIds.map((t) => ({ tool: t, v: run(t)?.cpuMs ?? null })));
    const cpuNote = bCpu !== null && fCpu ? `; CPU time ${(fCpu.v / bCpu).toFixed(1)}× less than ${labels[fCpu.tool]} (${(bCpu / 1000).toFixed(2)} s vs ${(fCpu.v / 1000).toFixed(2)} s)` : "";
    checks.push({
      id: `generation:${doc.id}`,
      goal: `generation ≥ ${GENERATION_GOAL_FACTOR}× faster (wall time) than the fastest peer — ${doc.label}`,
      measured: b !== null && f ? `${(f.v / b).toFixed(1)}× faster than ${labels[f.tool]} (${(b / 1000).toFixed(2)} s vs ${(f.v / 1000).toFixed(2)} s)${cpuNote}` : "—",
      status: b === null || !f ? "not measured" : f.v / b >= GENERATION_GOAL_FACTOR ? "met" : "not met",
    });
  }
  const tsc = (t: ToolId) => {
    const r = results.consumers.find((c) => c.tool === t)?.typecheck;
    return r?.ok && r.value.errors === 0 ? r.value.wallMs : null;
  };
  const bctsTsc = results.consumers.find((c) => c.tool === "bcts")?.typecheck;
  const bt = tsc("bcts");
  const ft = fastest(peerIds.map((t) => ({ tool: t, v: tsc(t) })));
  const bctsErrors = bctsTsc?.ok && bctsTsc.value.errors > 0 ? bctsTsc.value : null;
  checks.push({
    id: "consumer-typecheck",
    goal: "consumer type-check no slower than the fastest peer (peers that crash or report errors do not count)",
    measured: bctsErrors
      ? `bcts's consumer does not type-check: ${bctsErrors.errors} errors (first: ${bctsErrors.firstError}); ${(bctsErrors.wallMs / 1000).toFixed(2)} s${ft ? ` vs ${labels[ft.tool]} ${(ft.v / 1000).toFixed(2)} s` : ""}`
      : bt !== null && ft ? `${(bt / 1000).toFixed(2)} s vs ${labels[ft.tool]} ${(ft.v / 1000).toFixed(2)} s (${(bt / ft.v).toFixed(2)}×)` : "—",
    status: bctsErrors ? "not met" : bt === null || !ft ? "not measured" : bt <= ft.v ? "met" : "not met",
  });
  const bctsConsumer = results.consumers.find((c) => c.tool === "bcts");
  for (const [key, where, limit, o] of [["emulator", "emulator", OVERHEAD_GOALS.emulator, bctsConsumer?.overhead], ["stub", "loopback stub", OVERHEAD_GOALS.stub, bctsConsumer?.overheadCanned]] as const) {
    const peers = results.consumers.filter((c) => c.tool !== "bcts").map((c) => ({ tool: c.tool, m: key === "emulator" ? c.overhead : c.overheadCanned }));
    const best = fastest(peers.map((p) => ({ tool: p.tool, v: p.m.ok ? p.m.value.ratio : null })));
    const extraUs = o?.ok ? Math.round((o.value.clientMs - o.value.rawMs) * 1000) : 0;
    checks.push({
      id: `overhead:${key}`,
      goal: `request overhead ≤ ${limit.toFixed(2)}× raw fetch on the ${where} (issue 20)`,
      measured: o?.ok ? `${o.value.ratio.toFixed(2)}× (${o.value.clientMs.toFixed(3)} ms vs ${o.value.rawMs.toFixed(3)} ms: ${extraUs} µs per request)${best ? `; lowest peer ${labels[best.tool]} ${best.v.toFixed(2)}×` : ""}` : "—",
      status: !o?.ok ? "not measured" : o.value.ratio <= limit ? "met" : "not met",
    });
  }
  const whole = results.wholeClientInstalled;
  const floor = results.typecheckFloor;
  const floorNote = floor.ok ? `; an empty program with the same options takes ${(floor.value.wallMs / 1000).toFixed(2)} s here, so bcts adds ${((whole.ok ? whole.value.wallMs - floor.value.wallMs : 0) / 1000).toFixed(2)} s` : "";
  checks.push({
    id: "whole-client-typecheck",
    goal: "whole-client consumer type-checks in ≤ 1.2 s (issue 20; the five-query consumer, @bcts/client and @bcts/odata as installed)",
    measured: !whole.ok ? "—" : whole.value.errors ? `does not type-check: ${whole.value.errors} errors (first: ${whole.value.firstError})` : `${(whole.value.wallMs / 1000).toFixed(2)} s wall${floorNote}`,
    status: !whole.ok ? "not measured" : whole.value.errors === 0 && whole.value.wallMs <= WHOLE_CLIENT_GOAL_MS ? "met" : "not met",
  });
  const [small, large] = [results.syncMemory[0], results.syncMemory.at(-1)];
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
  // Flat: the highest heap at any later page stays within 10 % (and 5 MB) of the first page's.
  const flat = (p: NonNullable<typeof small>) => p.peakRetainedBytes <= Math.max(p.firstSampleBytes * 1.1, p.firstSampleBytes + 5 * 1024 * 1024);
  checks.push({
    id: "paging-memory",
    goal: "paging 100,000 records in flat memory (issue 20; a delta-sync baseline, pages of 1,000 following `@odata.nextLink`)",
    measured: small && large ? `heap after GC at the first page → highest later: ${small.records.toLocaleString("en-US")} records ${mb(small.firstSampleBytes)} → ${mb(small.peakRetainedBytes)}, ${large.records.toLocaleString("en-US")} records ${mb(large.firstSampleBytes)} → ${mb(large.peakRetainedBytes)}` : "—",
    status: !small || !large ? "not measured" : flat(small) && flat(large) ? "met" : "not met",
  });
  const bulk = results.bulk;
  checks.push({
    id: "bulk",
    goal: `createMany of ${(bulk?.records ?? 10_000).toLocaleString("en-US")} items ≤ 1.2× the limit-derived minimum (issue 17; BC's 5 at once, ${bulk?.latencyInMs ?? 200} ms per request, BC's work inside it)`,
    measured: bulk ? `${(bulk.bulkWallInMs / bulk.bulkMinimumInMs).toFixed(2)}× (${(bulk.bulkWallInMs / 1000).toFixed(1)} s vs ${(bulk.bulkMinimumInMs / 1000).toFixed(1)} s); with the emulator's work after the latency ${(bulk.bulkProcessingAfterWallInMs / bulk.bulkMinimumInMs).toFixed(2)}×; ${(bulk.singleScaledInMs / bulk.bulkWallInMs).toFixed(0)}× faster than one POST per record` : "—",
    status: !bulk ? "not measured" : bulk.bulkWallInMs <= 1.2 * bulk.bulkMinimumInMs ? "met" : "not met",
  });
  const gz = (t: ToolId) => {
    const r = results.consumers.find((c) => c.tool === t)?.bundle;
    return r?.ok ? r.value.gzipBytes : null;
  };
  const bb = gz("bcts");
  const fb = fastest(peerIds.map((t) => ({ tool: t, v: gz(t) })));
  checks.push({
    id: "bundle",
    goal: "smallest consumer bundle of the three (minified + gzip)",
    measured: bb !== null && fb ? `${(bb / 1024).toFixed(1)} KB vs smallest peer ${labels[fb.tool]} ${(fb.v / 1024).toFixed(1)} KB` : "—",
    status: bb === null || !fb ? "not measured" : bb < fb.v ? "met" : "not met",
  });
  // Judged as a user's project sees it: generated modules as sources, @bcts/odata installed.
  const three = results.threeSetConsumerInstalled;
  const threeCpu = three.ok && three.value.cpuMs !== null ? `, CPU ${(three.value.cpuMs / 1000).toFixed(2)} s` : "";
  const sources = results.threeSetConsumer;
  const withSources = sources.ok ? `; ${(sources.value.wallMs / 1000).toFixed(2)} s when tsc also checks @bcts/odata's sources` : "";
  checks.push({
    id: "three-sets-typecheck",
    goal: "consumer importing three entity sets type-checks in under 2 s (issue 4; `tsc --noEmit` wall time, median; @bcts/odata as installed)",
    measured: !three.ok
      ? "—"
      : three.value.errors
        ? `does not type-check: ${three.value.errors} errors (first: ${three.value.firstError}); ${(three.value.wallMs / 1000).toFixed(2)} s`
        : `${(three.value.wallMs / 1000).toFixed(2)} s wall${threeCpu}, ${three.value.peakRssMb?.toFixed(0) ?? "?"} MB peak RSS${withSources}`,
    status: !three.ok ? "not measured" : three.value.errors === 0 && three.value.wallMs < 2000 ? "met" : "not met",
  });
  return checks;
}
