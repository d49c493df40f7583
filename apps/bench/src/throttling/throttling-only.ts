import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../paths.js";
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
  const file = join(repoRoot, "docs", "benchmarks.md");
  const doc = readFileSync(file, "utf8");
  const start = doc.indexOf(THROTTLING_START);
  const end = doc.indexOf(THROTTLING_END);
  let next: string;
  if (start >= 0 && end > start) next = doc.slice(0, start) + section + doc.slice(end + THROTTLING_END.length);
  else next = `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
  log("wrote the throughput section of docs/benchmarks.md");
}
