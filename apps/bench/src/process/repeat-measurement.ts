import { median } from "./median.js";
import { measureProcess, type ProcessMeasurement, type ProcessSpec } from "./measure-process.js";

/** The median of several runs of one command, or why it could not be measured. */
export type RepeatedMeasurement =
  | { readonly ok: true; readonly runs: number; readonly wallMs: number; readonly peakRssMb: number | null; readonly last: ProcessMeasurement }
  | { readonly ok: false; readonly reason: string; readonly wallMs: number; readonly peakRssMb: number | null; readonly last: ProcessMeasurement };

/**
 * Runs `spec` `runs` times (after `prepare`, e.g. emptying the output folder) and reports medians.
 * Stops at the first failing run: a failure is reported with its own time and memory.
 */
export async function repeatMeasurement(
  spec: ProcessSpec,
  runs: number,
  prepare?: () => void,
  failureReason: (m: ProcessMeasurement) => string | null = defaultFailure,
): Promise<RepeatedMeasurement> {
  const walls: number[] = [];
  const rss: number[] = [];
  let last: ProcessMeasurement | undefined;
  for (let i = 0; i < runs; i++) {
    prepare?.();
    last = await measureProcess(spec);
    const reason = failureReason(last);
    if (reason) return { ok: false, reason, wallMs: last.wallMs, peakRssMb: last.peakRssMb, last };
    walls.push(last.wallMs);
    if (last.peakRssMb !== null) rss.push(last.peakRssMb);
  }
  return { ok: true, runs, wallMs: median(walls), peakRssMb: rss.length ? median(rss) : null, last: last! };
}

function defaultFailure(m: ProcessMeasurement): string | null {
  if (m.timedOut) return "timed out";
  if (m.exitCode !== 0) return `exit code ${m.exitCode}: ${lastLine(m.stderr) || lastLine(m.stdout)}`;
  return null;
}

export function lastLine(text: string): string {
  const lines = text.trim().split("\n").map((l) => l.trim()).filter(Boolean);
  const error = lines.find((l) => /error|exception|RangeError/i.test(l));
  return (error ?? lines.at(-1) ?? "").slice(0, 200);
}
