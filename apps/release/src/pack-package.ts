import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { cleanEnv } from "./clean-env.js";
import { pnpmCommand } from "./pnpm-command.js";
import type { WorkspacePackage } from "./public-packages.js";
import { runChecked, type CommandRunner } from "./run-command.js";

/**
 * `pnpm pack` of one workspace package into its own folder under `outDir` — the same packing
 * `changeset publish` uses through `pnpm publish`, so `workspace:^` becomes `^<version>`.
 * Resolves to the tarball's path.
 */
export async function packPackage(run: CommandRunner, repoRoot: string, pkg: WorkspacePackage, outDir: string): Promise<string> {
  const destination = join(outDir, pkg.manifest.name.replace(/^@/, "").replace("/", "-"));
  await mkdir(destination, { recursive: true });
  const pnpm = await pnpmCommand(repoRoot);
  await runChecked(run, pnpm.command, [...pnpm.prefix, "pack", "--pack-destination", destination], { cwd: pkg.dir, env: cleanEnv(process.env) });
  const tarballs = (await readdir(destination)).filter((f) => f.endsWith(".tgz"));
  if (tarballs.length !== 1) throw new Error(`pnpm pack of ${pkg.manifest.name} left ${tarballs.length} tarballs in ${destination}`);
  return join(destination, tarballs[0]!);
}
