import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../paths.js";
import { BULK_END, BULK_START, bulkSection, measureBulk } from "./measure-bulk.js";
import { measureSyncMemory } from "./measure-sync-memory.js";

/** `pnpm bench -- --only bulk`: measures the bulk/delta section and replaces it in docs/benchmarks.md (appended when missing). */
export async function runBulkOnly(writeDoc: boolean, log: (message: string) => void): Promise<void> {
  log("bulk writes and delta sync (emulator)");
  const figures = await measureBulk(log);
  const memory = await measureSyncMemory(log);
  const section = bulkSection(figures, memory, new Date().toISOString());
  console.log(section);
  if (!writeDoc) return;
  const file = join(repoRoot, "docs", "benchmarks.md");
  const doc = readFileSync(file, "utf8");
  const start = doc.indexOf(BULK_START);
  const end = doc.indexOf(BULK_END);
  const next = start >= 0 && end > start ? doc.slice(0, start) + section + doc.slice(end + BULK_END.length) : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
  log("wrote the bulk section of docs/benchmarks.md");
}
