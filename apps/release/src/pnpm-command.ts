import { readFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * The command line that runs the repository's pinned pnpm (`packageManager` in the root
 * package.json) through `npm exec`, as scripts/pnpm.mjs does.
 */
export async function pnpmCommand(repoRoot: string): Promise<{ command: string; prefix: string[] }> {
  const manifest = JSON.parse(await readFile(join(repoRoot, "package.json"), "utf8")) as { packageManager?: string };
  const spec = manifest.packageManager ?? "";
  if (!/^pnpm@\d+\.\d+\.\d+$/.test(spec)) throw new Error(`package.json "packageManager" must pin pnpm exactly, found ${JSON.stringify(spec)}`);
  return { command: process.platform === "win32" ? "npm.cmd" : "npm", prefix: ["exec", "--yes", `--package=${spec}`, "--", "pnpm"] };
}
