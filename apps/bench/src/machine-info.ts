import { cpus, loadavg, release, totalmem, type } from "node:os";
import { installedVersion } from "./tools/installed-version.js";

/** One line describing the machine the numbers come from. */
export function machineInfo(): string {
  const cpu = cpus();
  return `${cpu[0]?.model.trim() ?? "unknown CPU"}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${type()} ${release()}, Node ${process.version}`;
}

export function toolchainVersions(): string {
  return `TypeScript ${installedVersion("typescript")}, esbuild ${installedVersion("esbuild")}`;
}

/** 1-minute load average, as a hint of how busy the machine was. */
export function loadAverage(): number {
  return loadavg()[0] ?? 0;
}
