import { replaceDocSection } from "../report/replace-doc-section.js";
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
  replaceDocSection(BULK_START, BULK_END, section);
  log("wrote the bulk section of docs/benchmarks.md");
}
