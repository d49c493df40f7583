import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { measured, notMeasured, type Measured } from "../measured.js";
import { lastLine, type MeasurementJob, type RepeatedMeasurement } from "../process/repeat-measurement.js";
import { packageDir } from "../tools/installed-version.js";

export interface TypecheckResult {
  readonly wallMs: number;
  readonly cpuMs: number | null;
  readonly peakRssMb: number | null;
  readonly runs: number;
  /** number of `error TS…` diagnostics (0 = clean) */
  readonly errors: number;
  readonly firstError: string | null;
  /** tsc's own phases of the last run (`--extendedDiagnostics`), when the job asked for them */
  readonly phases?: TscPhases;
}

/** Seconds → ms of tsc's `--extendedDiagnostics` lines ("Parse time: 1.06s"). */
export interface TscPhases {
  readonly parseMs: number;
  readonly bindMs: number;
  readonly checkMs: number;
  readonly programMs: number;
  readonly totalMs: number;
  readonly files: number;
  readonly declarationLines: number;
}

/** The strict options every tool's output and consumer is checked with (same for all three). */
export const benchCompilerOptions = {
  target: "ES2022",
  lib: ["ES2023", "DOM"],
  module: "ESNext",
  moduleResolution: "Bundler",
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  types: ["node"],
  esModuleInterop: true,
} as const;

/**
 * A `tsc -p <dir>/tsconfig.bench.json --noEmit` job (the tsconfig is written now). Type errors are
 * counted, not fatal; a compiler crash or a timeout makes the job fail.
 */
export function typecheckJob(dir: string, include: readonly string[], extraOptions: Readonly<Record<string, unknown>> = {}, tsconfigName = "tsconfig.bench.json", extraArgs: readonly string[] = []): MeasurementJob {
  const tsconfig = join(resolve(dir), tsconfigName);
  writeFileSync(tsconfig, JSON.stringify({ compilerOptions: { ...benchCompilerOptions, typeRoots: [join(packageDir("@types/node"), "..")], ...extraOptions }, include }, null, 2));
  const tsc = join(packageDir("typescript"), "lib", "tsc.js");
  return {
    spec: { command: process.execPath, args: [tsc, "-p", tsconfig, "--noEmit", "--pretty", "false", ...extraArgs], cwd: dir, timeoutMs: 300_000 },
    failure: (m) => {
      if (m.timedOut) return "tsc timed out after 300 s";
      const crash = /RangeError[^\n]*|FATAL ERROR[^\n]*|Maximum call stack size exceeded/.exec(m.stderr + m.stdout);
      if (crash) return `tsc crashed: ${crash[0].slice(0, 120)}`;
      if (m.exitCode !== 0 && !/error TS\d+/.test(m.stdout)) return `tsc exit ${m.exitCode}: ${lastLine(m.stderr + m.stdout)}`;
      return null;
    },
  };
}

/** The medians of a type-check job, with its diagnostics counted from the last run. */
export function typecheckResult(r: RepeatedMeasurement): Measured<TypecheckResult> {
  if (!r.ok) return notMeasured(`${r.reason} (after ${(r.wallMs / 1000).toFixed(1)} s, ${r.peakRssMb?.toFixed(0) ?? "?"} MB)`);
  const errors = [...r.last.stdout.matchAll(/error TS\d+/g)].length;
  const firstError = /[^\n]*error TS\d+[^\n]*/.exec(r.last.stdout)?.[0]?.slice(0, 240) ?? null;
  const phases = tscPhases(r.last.stdout);
  return measured({ wallMs: r.wallMs, cpuMs: r.cpuMs, peakRssMb: r.peakRssMb, runs: r.runs, errors, firstError, ...(phases ? { phases } : {}) });
}

function tscPhases(stdout: string): TscPhases | undefined {
  const value = (label: string): number | undefined => {
    const m = new RegExp(`^${label}:\\s+([\\d.]+)(s?)$`, "m").exec(stdout);
    return m ? Number(m[1]) * (m[2] === "s" ? 1000 : 1) : undefined;
  };
  const [parseMs, bindMs, checkMs, programMs, totalMs, files, declarationLines] = ["Parse time", "Bind time", "Check time", "Program time", "Total time", "Files", "Lines of Definitions"].map(value);
  if (parseMs === undefined || bindMs === undefined || checkMs === undefined || programMs === undefined || totalMs === undefined) return undefined;
  return { parseMs, bindMs, checkMs, programMs, totalMs, files: files ?? 0, declarationLines: declarationLines ?? 0 };
}
