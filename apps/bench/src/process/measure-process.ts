import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** One child-process run: wall time, peak RSS of the child (if measurable) and how it ended. */
export interface ProcessMeasurement {
  readonly wallMs: number;
  /** Peak resident set size in MB, from GNU time (`/usr/bin/time -v`); null when unavailable. */
  readonly peakRssMb: number | null;
  /** user + system CPU time of the child in ms (GNU time); less sensitive to a busy machine than wall time */
  readonly cpuMs: number | null;
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ProcessSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

const gnuTime = "/usr/bin/time";
const hasGnuTime = existsSync(gnuTime);

/** Runs `spec` once in a child process and measures it (GNU time for peak RSS when present). */
export async function measureProcess(spec: ProcessSpec): Promise<ProcessMeasurement> {
  const dir = mkdtempSync(join(tmpdir(), "bcts-bench-"));
  const timeFile = join(dir, "time.txt");
  const [command, args] = hasGnuTime
    ? [gnuTime, ["-v", "-o", timeFile, spec.command, ...spec.args]]
    : [spec.command, [...spec.args]];
  const started = performance.now();
  const result = await new Promise<{ code: number | null; timedOut: boolean; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(command, args, {
      cwd: spec.cwd,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...spec.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => { stdout = tail(stdout + d.toString()); });
    child.stderr.on("data", (d: Buffer) => { stderr = tail(stderr + d.toString()); });
    let timedOut = false;
    const timer = spec.timeoutMs
      ? setTimeout(() => { timedOut = true; child.kill("SIGKILL"); }, spec.timeoutMs)
      : undefined;
    child.on("close", (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, timedOut, stdout, stderr });
    });
  });
  const wallMs = performance.now() - started;
  let peakRssMb: number | null = null;
  let cpuMs: number | null = null;
  let exitCode = result.code;
  if (hasGnuTime && existsSync(timeFile)) {
    const text = readFileSync(timeFile, "utf8");
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(text);
    if (rss?.[1]) peakRssMb = Number(rss[1]) / 1024;
    const user = /User time \(seconds\): ([\d.]+)/.exec(text);
    const sys = /System time \(seconds\): ([\d.]+)/.exec(text);
    if (user?.[1] && sys?.[1]) cpuMs = (Number(user[1]) + Number(sys[1])) * 1000;
    const status = /Exit status: (\d+)/.exec(text);
    if (status?.[1]) exitCode = Number(status[1]);
    else if (/Command terminated by signal/.test(text)) exitCode = exitCode ?? 128;
  }
  rmSync(dir, { recursive: true, force: true });
  return { wallMs, peakRssMb, cpuMs, exitCode, timedOut: result.timedOut, stdout: result.stdout, stderr: result.stderr };
}

function tail(text: string, max = 20_000): string {
  return text.length > max ? text.slice(text.length - max) : text;
}
