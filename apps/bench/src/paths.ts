import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** apps/bench */
export const benchRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
/** the monorepo root */
export const repoRoot = join(benchRoot, "..", "..");
/** gitignored scratch space for generated peer output and bench artefacts */
export const workRoot = join(benchRoot, ".work");
/** where each tool's generated code goes: .work/gen/<document>/<tool> */
export function generatedDir(documentId: string, toolId: string): string {
  return join(workRoot, "gen", documentId, toolId);
}
