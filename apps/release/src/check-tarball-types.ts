import { readFile } from "node:fs/promises";
import { checkPackage, createPackageFromTarballData } from "@arethetypeswrong/core";
import { problemKindInfo } from "@arethetypeswrong/core/problems";
import type { Problem, ResolutionKind } from "@arethetypeswrong/core/types";
import type { PackagingProblem } from "./lint-tarball.js";

/**
 * Resolution modes in which an ESM-only package is not expected to load, with the reason. Our
 * packages are `"type": "module"` with `import` conditions only (docs/architecture.md), so attw's
 * `CJSResolvesToESM` under node16-cjs (`require()` from CommonJS) is by design, not a defect — the
 * same mode attw's own "esm-only" profile leaves out. node10 and bundler are checked.
 */
export const ignoredResolutions: Readonly<Partial<Record<ResolutionKind, string>>> = {
  "node16-cjs": "ESM-only by design: CommonJS callers use import(), which node16-esm covers",
};

function affects(problem: Problem): ResolutionKind | undefined {
  return "resolutionKind" in problem ? problem.resolutionKind : undefined;
}

/** "Are the types wrong?" on the packed tarball: every problem outside the ignored resolution modes. */
export async function checkTarballTypes(tarballPath: string): Promise<PackagingProblem[]> {
  const pkg = createPackageFromTarballData(new Uint8Array(await readFile(tarballPath)));
  const result = await checkPackage(pkg);
  if (!result.types) return [{ tool: "attw", code: "NoTypes", message: `${result.packageName} ships no types` }];
  const out: PackagingProblem[] = [];
  for (const problem of result.problems) {
    const kind = affects(problem);
    if (kind && kind in ignoredResolutions) continue;
    const where = "entrypoint" in problem ? ` (${problem.entrypoint}, ${problem.resolutionKind})` : "fileName" in problem ? ` (${problem.fileName})` : "typesFileName" in problem ? ` (${problem.typesFileName})` : "";
    out.push({ tool: "attw", code: problem.kind, message: `${problemKindInfo[problem.kind].shortDescription}${where}` });
  }
  return out;
}
