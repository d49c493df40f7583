import { readFile } from "node:fs/promises";
import { checkPackage, createPackageFromTarballData } from "@arethetypeswrong/core";
import { problemKindInfo } from "@arethetypeswrong/core/problems";
import type { Problem, ResolutionKind } from "@arethetypeswrong/core/types";
import type { PackagingProblem } from "./lint-tarball.js";

/**
 * Resolution modes in which an ESM-only package is not expected to load, with the reason. This is
 * attw's own "esm-only" profile: our packages are `"type": "module"` with `import` conditions only
 * (docs/architecture.md), so `require()` from CommonJS (node16-cjs) and the pre-exports node10
 * resolution (no subpath exports) are out of scope by design, not defects.
 */
export const ignoredResolutions: Readonly<Partial<Record<ResolutionKind, string>>> = {
  "node16-cjs": "ESM-only by design: CommonJS callers use import(), which node16-esm covers",
  node10: "node10 ignores `exports`; ESM-only packages need Node 16+ resolution",
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
