import type { Measured } from "../measured.js";
import type { ThrottlingResult } from "../throttling/measure-throttling.js";

/** Markers around the section, so `--only throttling` can replace it in docs/benchmarks.md alone. */
export const THROTTLING_START = "<!-- bench:throttling:start -->";
export const THROTTLING_END = "<!-- bench:throttling:end -->";

/** Throughput at the identity's limits (issue 13): ratio to the theoretical maximum and 429s seen. */
export function throttlingSection(result: Measured<ThrottlingResult> | undefined, measuredAt: string): string[] {
  const out = [THROTTLING_START, "## Throughput at Business Central's limits (issue 13)", ""];
  if (result === undefined || !result.ok) return [...out, `Not measured${result === undefined ? "" : `: ${result.reason}`}.`, "", THROTTLING_END];
  out.push(
    `Measured ${measuredAt.replace("T", " ").slice(0, 16)} UTC (\`pnpm bench -- --only throttling\` reruns this section alone). Against the emulator with its per-identity limits and an injected latency per request, 40 callers send list requests back to back through one client with default options (the limits given as \`limits\`) for a fixed period, three rounds (median shown; 429s counted over all rounds). The theoretical maximum is min(concurrency × period ÷ latency, window budget × windows in the period); the ratio is completed ÷ that maximum. Goals: ratio ≥ 0.9, zero 429s. Limits are scaled down so the section runs in seconds (BC: 5 at once, 6,000 per 300 s).`,
    "",
    "| limits | period | completed | theoretical max | ratio (goal ≥ 0.9) | 429s (goal 0) | BC max in flight / queued | raw fetch, same period |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const s of result.value.scenarios) {
    const ok = s.ratio >= 0.9 ? "✅" : "❌";
    out.push(`| ${s.label} | ${(s.periodInMs / 1000).toFixed(0)} s | ${s.completed} | ${s.theoreticalMax} | ${s.ratio.toFixed(2)} ${ok} | ${s.throttled} ${s.throttled === 0 ? "✅" : "❌"} | ${s.serverMaxInFlight} / ${s.serverMaxQueued} | ${s.rawBaseline === undefined ? "—" : `${s.rawBaseline} (${(s.rawBaseline / s.theoreticalMax).toFixed(2)})`} |`);
  }
  out.push(
    "",
    "What holds the ratio below 1: the emulator's own time per request on top of the injected latency (it runs in the bench's process, on a shared machine) — the last column is the same period with bare `fetch` loops at the same concurrency and no client, the ceiling this machine allows; and, in the window run, that a request counts in the window until its response is finished (BC counts arrivals, which a client cannot observe; see docs/throttling.md). Once the first window is used up the window run is paced by the window alone.",
    "",
    THROTTLING_END,
  );
  return out;
}
