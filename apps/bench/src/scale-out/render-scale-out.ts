import type { ScaleOutRun, ScaleOutSettings } from "./measure-scale-out.js";

export const SCALE_OUT_HEADING = "## Scale-out: many workers, one identity (@bcts/redis)";

/** The docs/benchmarks.md section of the scale-out measurement (issue 16). */
export function renderScaleOut(runs: readonly ScaleOutRun[], settings: ScaleOutSettings, context: { readonly when: string; readonly load: readonly [number, number]; readonly cores: number }): string {
  const out: string[] = [SCALE_OUT_HEADING, ""];
  out.push(
    `Measured ${context.when} on ${context.cores} cores (1-minute load average ${context.load[0].toFixed(1)} → ${context.load[1].toFixed(1)}; the machine is shared, so throughput carries noise). ` +
      `Worker processes (apps/sample/src/multi-worker-worker.ts) send ${settings.totalRequests} GET …/companies in total for ONE identity, ${settings.parallelPerWorker} at a time each, ` +
      `to the emulator with Business Central's limits (5 processed at once, 95 queued, 6,000 per 5 minutes) and ${settings.latencyInMs} ms per request, running in a process of its own, through a counting proxy in the bench's process. ` +
      `The clock starts when every worker is loaded, connected and warmed up (one unauthenticated GET each), as long-running workers are. ` +
      `"Without" is what separate processes do today: each keeps its own 5-request limit and requests its own token. "With" shares one RedisRequestLimiter and one RedisTokenCache on a local redis-server. ` +
      `Throughput is requests per second ÷ the limits' maximum (5 ÷ ${settings.latencyInMs} ms = ${(5 / (settings.latencyInMs / 1000)).toFixed(0)}/s; the 6,000-per-5-minutes window is not reached in runs this short — the window is proven by packages/redis/test).`,
    "",
  );
  out.push(
    "| workers | @bcts/redis | max in flight at BC (goal ≤ 5) | 429s (goal 0) | token requests (goal 1) | req/s | throughput ÷ limit (goal ≥ 0.9 at 4, 16) | ms at BC per request | freed slot idle, ms (hand-overs) | Redis round trips per request | worker CPU per request, ms | failed |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
  );
  for (const r of runs) {
    const mark = (ok: boolean) => (r.shared ? (ok ? " ✅" : " ❌") : "");
    out.push(
      `| ${r.workers} | ${r.shared ? "with" : "without"} | ${r.maxInFlight}${mark(r.maxInFlight <= 5)} | ${r.tooManyRequests}${mark(r.tooManyRequests === 0)} | ${r.tokenRequests}${mark(r.tokenRequests === 1)} | ${(r.requests / r.seconds).toFixed(1)} | ${r.throughputRatio.toFixed(2)}${r.workers >= 4 ? mark(r.throughputRatio >= 0.9) : ""} | ${r.meanAtServerInMs.toFixed(1)} | ${r.handovers ? `${r.meanIdleInMs.toFixed(1)} (${r.handovers})` : "—"} | ${r.shared ? r.redisCallsPerRequest.toFixed(1) : "—"} | ${r.workerCpuPerRequestInMs.toFixed(1)} | ${r.failed}${r.errors.length ? ` (${r.errors.join("; ")})` : ""} |`,
    );
  }
  out.push("");
  const alone = runs.find((r) => r.workers === 1 && !r.shared);
  const most = Math.max(...settings.workerCounts);
  const crowd = runs.find((r) => r.workers === most && !r.shared);
  if (alone && crowd) {
    out.push(
      `For scale: without Redis there is no coordination at all; with several workers BC holds more than 5 of their requests (5 processed, the rest in its queue), so its own queue refills a freed slot at once ("—": no hand-over to measure). ` +
        `Those rows are what this machine delivered for that number of processes — 1 worker ${alone.throughputRatio.toFixed(2)}, ${most} workers ${crowd.throughputRatio.toFixed(2)} of the limit in this run — a reference, not a goal: they break BC's limits. ` +
        `No row reaches 1.00 because a request spends more than ${settings.latencyInMs} ms at the server ("ms at BC": the latency plus the emulator's and the proxy's own work). ` +
        `With Redis BC's queue stays empty, so a freed slot stands idle until the next request arrives ("freed slot idle": the mean gap at the proxy between a response leaving and the next request arriving while fewer than 5 were in progress; ` +
        `with 1 worker and no Redis that is just the same process's next request, ${alone.handovers ? `${alone.meanIdleInMs.toFixed(1)} ms` : "not measured"} in this run). ` +
        `A hand-over between processes costs one Redis round trip: the finishing worker's release script frees its lease and, in the same call, moves the next waiter into the leases — the longest-waiting caller, or one of the releasing process's own while the longest wait is under maxOvertakeInMs — and publishes the grant to that waiter's process, which sends its request without asking Redis again. ` +
        `Waiting callers do not poll: one heartbeat call per process and identity keeps their places in the queue ("Redis round trips per request" counts the workers' calls to redis-server: acquire, release, heartbeats and the token cache's). ` +
        `The rest of the gap is the wake-up of the waiter's process and its request's way to the server; on ${context.cores} cores shared by ${most} worker processes, redis-server, the emulator and the bench's proxy, each of those steps can wait for a CPU. Every process of a real deployment has its own.`,
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
