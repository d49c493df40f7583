import { replaceDocSection } from "../report/replace-doc-section.js";
import { THROTTLING_END, THROTTLING_START, throttlingSection } from "../report/throttling-section.js";
import { measureThrottling } from "./measure-throttling.js";

/** Measures the throughput section and renders it (with its markers). */
export async function throttlingReport(log: (message: string) => void): Promise<string> {
  log("throughput at the identity's limits (emulator)");
  const startedAt = new Date().toISOString();
  return throttlingSection(await measureThrottling(log), startedAt).join("\n");
}

/**
 * `pnpm bench -- --only throttling`: measures only the throughput section and replaces it in
 * docs/benchmarks.md (between its markers; appended when the file has none yet), leaving the rest of
 * the last full run's report as it was.
 */
export async function runThrottlingOnly(writeDoc: boolean, log: (message: string) => void): Promise<void> {
  const section = await throttlingReport(log);
  console.log(section);
  if (!writeDoc) return;
  replaceDocSection(THROTTLING_START, THROTTLING_END, section);
  log("wrote the throughput section of docs/benchmarks.md");
}
