import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { loadAverage } from "../machine-info.js";
import { repoRoot } from "../paths.js";
import { defaultScaleOutSettings, measureScaleOut } from "./measure-scale-out.js";
import { renderScaleOut, spliceScaleOut } from "./render-scale-out.js";

/**
 * The scale-out section: measures and returns its markdown. `pnpm bench --only scale-out` runs
 * just this and replaces the section in docs/benchmarks.md (the rest of the file is kept).
 */
export async function scaleOutSection(log: (line: string) => void): Promise<string> {
  const load0 = loadAverage();
  const when = new Date().toISOString().replace("T", " ").slice(0, 16) + " UTC";
  log(`scale-out: ${defaultScaleOutSettings.workerCounts.join(", ")} worker processes, with and without @bcts/redis`);
  const runs = await measureScaleOut(defaultScaleOutSettings, log);
  return renderScaleOut(runs, defaultScaleOutSettings, { when, load: [load0, loadAverage()], cores: availableParallelism() });
}

export function writeScaleOutSection(section: string): void {
  const file = join(repoRoot, "docs", "benchmarks.md");
  writeFileSync(file, spliceScaleOut(readFileSync(file, "utf8"), section));
}
