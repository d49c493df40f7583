import { benchDocuments } from "../bench-document.js";
import { readMetadataInventory } from "../losses/metadata-inventory.js";
import { GENERATION_STAGES_END, GENERATION_STAGES_START, generationStagesSection } from "../report/generation-stages-section.js";
import { replaceDocSection } from "../report/replace-doc-section.js";
import { mb, seconds } from "../report/format.js";
import { toolAdapters } from "../tools/tool-adapters.js";
import { measureGenerationStages, type GenerationStagesResult } from "./measure-generation-stages.js";
import { measureGenerations, type GenerationResult } from "./measure-generation.js";
import { statSync } from "node:fs";
import { relative } from "node:path";
import { repoRoot } from "../paths.js";

/**
 * `pnpm bench -- --only generation`: every tool's generation of both documents (round-robin, as in
 * the full run) and bcts's stage breakdown; replaces only the stage section of docs/benchmarks.md.
 */
export async function runGenerationOnly(runs: number, writeDoc: boolean, log: (message: string) => void): Promise<void> {
  const tools = [];
  for (const adapter of toolAdapters) {
    const unavailable = await adapter.unavailableReason();
    tools.push({ id: adapter.id, label: adapter.label, version: adapter.version(), unavailable, adapter });
    log(`${adapter.label}: ${unavailable ? `not measured (${unavailable})` : adapter.version()}`);
  }
  const generation: GenerationResult[] = [];
  const generationStages: GenerationStagesResult[] = [];
  for (const doc of benchDocuments) {
    log(`generate ${doc.id}: ${runs}× round-robin`);
    for (const r of await measureGenerations(tools, doc, readMetadataInventory(doc.file), runs)) {
      log(`  ${r.tool}: ${r.run.ok ? `${seconds(r.run.value.wallMs)} wall, ${r.run.value.cpuMs === null ? "?" : seconds(r.run.value.cpuMs)} CPU, ${mb(r.run.value.peakRssMb)}` : `not measured: ${r.run.reason}`}`);
      generation.push(r);
    }
    if (tools.find((t) => t.id === "bcts")?.unavailable) continue;
    log(`bcts stages of ${doc.id}: first run, then ${runs}× with and without the code cache, and with BCTS_PRINT_WORKER=off and =on`);
    generationStages.push(await measureGenerationStages(doc, runs));
  }
  const documents = benchDocuments.map((d) => ({ id: d.id, label: d.label, file: relative(repoRoot, d.file), kb: statSync(d.file).size / 1024, declared: {} }));
  const section = generationStagesSection({ documents, generation, generationStages, tools, runs }).join("\n");
  console.log(section);
  if (!writeDoc) return;
  replaceDocSection(GENERATION_STAGES_START, GENERATION_STAGES_END, section);
  log("wrote the generation-stages section of docs/benchmarks.md");
}
