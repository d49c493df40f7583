import type { ScaleOutRun, ScaleOutSettings } from "./measure-scale-out.js";

export const SCALE_OUT_HEADING = "## Scale-out: many workers, one identity (@bcts/redis)";

/** The docs/benchmarks.md section of the scale-out measurement (issue 16). */
export function renderScaleOut(runs: readonly ScaleOutRun[], settings: ScaleOutSettings, context: { readonly when: string; readonly load: readonly [number, number] }): string {
  const out: string[] = [SCALE_OUT_HEADING, ""];
  out.push(
    `Measured ${context.when} (1-minute load average ${context.load[0].toFixed(1)} → ${context.load[1].toFixed(1)}; the machine is shared, so throughput carries noise). ` +
      `Worker processes (apps/sample/src/multi-worker-worker.ts) send ${settings.totalRequests} GET …/companies in total for ONE identity, ${settings.parallelPerWorker} at a time each, ` +
      `to the emulator with Business Central's limits (5 processed at once, 95 queued, 6,000 per 5 minutes) and ${settings.latencyInMs} ms per request, through a counting proxy. ` +
      `"Without" is what separate processes do today: each keeps its own 5-request limit and requests its own token. "With" shares one RedisRequestLimiter and one RedisTokenCache on a local redis-server. ` +
      `Throughput is requests per second ÷ the limits' maximum (5 ÷ ${settings.latencyInMs} ms = ${(5 / (settings.latencyInMs / 1000)).toFixed(0)}/s; the 6,000-per-5-minutes window is not reached in runs this short — the window is proven by packages/redis/test).`,
    "",
  );
  out.push("| workers | @bcts/redis | max in flight at BC (goal ≤ 5) | 429s (goal 0) | token requests (goal 1) | req/s | throughput ÷ limit (goal ≥ 0.9 at 4, 16) | failed |", "|---|---|---|---|---|---|---|---|");
  for (const r of runs) {
    const mark = (ok: boolean) => (r.shared ? (ok ? " ✅" : " ❌") : "");
    out.push(
      `| ${r.workers} | ${r.shared ? "with" : "without"} | ${r.maxInFlight}${mark(r.maxInFlight <= 5)} | ${r.tooManyRequests}${mark(r.tooManyRequests === 0)} | ${r.tokenRequests}${mark(r.tokenRequests === 1)} | ${(r.requests / r.seconds).toFixed(1)} | ${r.throughputRatio.toFixed(2)}${r.workers >= 4 ? mark(r.throughputRatio >= 0.9) : ""} | ${r.failed}${r.errors.length ? ` (${r.errors.join("; ")})` : ""} |`,
    );
  }
  out.push("");
  const ceiling = runs.find((r) => r.workers === 1 && !r.shared);
  if (ceiling) {
    out.push(
      `For scale: 1 worker without Redis — no coordination at all — reached ${ceiling.throughputRatio.toFixed(2)} of the limit in this run; ` +
        "that is what this machine delivered under its load, and the ceiling for every other row. With Redis a freed slot goes from the releasing " +
        "worker through Redis to the next one (one or two round trips and, unless the next request is the same process's, a wake-up of another " +
        "process), while without it BC's own queue refills the slot; on a machine whose run queue is far longer than its 2 cores, that hop " +
        "costs a scheduling delay each time, which is why the Redis rows fall further behind as processes are added. Every process of a real " +
        "deployment has its own CPU.",
      "",
    );
  }
  return out.join("\n");
}

/** Replaces the section in an existing docs/benchmarks.md (or appends it). */
export function spliceScaleOut(document: string, section: string): string {
  const start = document.indexOf(SCALE_OUT_HEADING);
  if (start < 0) return `${document.trimEnd()}\n\n${section}`;
  // Ends at the next heading or at the next section's marker (bench:… markers precede their headings).
  const ends = ["\n## ", "\n<!-- bench:"].map((m) => document.indexOf(m, start + SCALE_OUT_HEADING.length)).filter((i) => i >= 0);
  const next = ends.length === 0 ? -1 : Math.min(...ends);
  return `${document.slice(0, start)}${section}${next < 0 ? "" : `\n${document.slice(next + 1)}`}`;
}
