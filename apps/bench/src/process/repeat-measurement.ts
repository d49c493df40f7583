import { median } from "./median.js";
import { measureProcess, type ProcessMeasurement, type ProcessSpec } from "./measure-process.js";

/** The medians of several runs of one command, or why it could not be measured. */
export type RepeatedMeasurement =
  | { readonly ok: true; readonly runs: number; readonly wallMs: number; readonly cpuMs: number | null; readonly peakRssMb: number | null; readonly last: ProcessMeasurement }
  | { readonly ok: false; readonly reason: string; readonly wallMs: number; readonly peakRssMb: number | null; readonly last: ProcessMeasurement };

/** One command to measure repeatedly; `prepare` runs before each run (e.g. empty the output folder). */
export interface MeasurementJob {
  readonly spec: ProcessSpec;
  readonly prepare?: () => void;
  /** why a finished run counts as a failure, or null */
  readonly failure?: (m: ProcessMeasurement) => string | null;
}

/**
 * Runs every job `runs` times, round-robin (job 1, job 2, …, then again), so that a busy period on
 * the machine hits every tool rather than one. A job stops at its first failing run, which is
 * reported with its own time and memory.
 */
export async function measureRoundRobin(jobs: readonly MeasurementJob[], runs: number): Promise<RepeatedMeasurement[]> {
  const samples = jobs.map(() => [] as ProcessMeasurement[]);
  const failed: (RepeatedMeasurement | null)[] = jobs.map(() => null);
  for (let i = 0; i < runs; i++) {
    for (const [j, job] of jobs.entries()) {
      if (failed[j]) continue;
      job.prepare?.();
      const m = await measureProcess(job.spec);
      const reason = (job.failure ?? defaultFailure)(m);
      if (reason) failed[j] = { ok: false, reason, wallMs: m.wallMs, peakRssMb: m.peakRssMb, last: m };
      else samples[j]!.push(m);
    }
  }
  return jobs.map((_, j) => failed[j] ?? summarize(samples[j]!));
}

/** Runs one job `runs` times and reports medians. */
export async function repeatMeasurement(job: MeasurementJob, runs: number): Promise<RepeatedMeasurement> {
  return (await measureRoundRobin([job], runs))[0]!;
}

function summarize(samples: readonly ProcessMeasurement[]): RepeatedMeasurement {
  const pick = (f: (m: ProcessMeasurement) => number | null): number | null => {
    const v = samples.map(f).filter((x): x is number => x !== null);
    return v.length ? median(v) : null;
  };
  return { ok: true, runs: samples.length, wallMs: pick((m) => m.wallMs)!, cpuMs: pick((m) => m.cpuMs), peakRssMb: pick((m) => m.peakRssMb), last: samples.at(-1)! };
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
