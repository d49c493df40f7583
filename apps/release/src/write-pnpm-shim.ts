import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { cleanEnv } from "./clean-env.js";
import { pnpmCommand } from "./pnpm-command.js";
import { runChecked, type CommandRunner } from "./run-command.js";

/**
 * A `pnpm` executable in `binDir` for `changeset publish`, which calls `pnpm` by name (this machine
 * has no global pnpm). It runs the repository's pinned pnpm: resolved once through `npm exec` (as
 * scripts/pnpm.mjs does), then called directly, which saves `npm exec`'s start-up on each of the
 * ten calls changesets makes. POSIX only.
 */
export async function writePnpmShim(run: CommandRunner, repoRoot: string, binDir: string): Promise<string> {
  const pnpm = await pnpmCommand(repoRoot);
  const env = cleanEnv(process.env);
  await mkdir(binDir, { recursive: true });
  const located = await runChecked(run, pnpm.command, [...pnpm.prefix.slice(0, -1), "sh", "-c", "command -v pnpm"], { cwd: binDir, env });
  const real = located.stdout.trim().split("\n").pop() ?? "";
  if (!real.startsWith("/")) throw new Error(`could not locate the pinned pnpm (got ${JSON.stringify(located.stdout)})`);
  const path = join(binDir, "pnpm");
  await writeFile(path, `#!/bin/sh\nexec '${real.replace(/'/g, "'\\''")}' "$@"\n`);
  await chmod(path, 0o755);
  const version = (await runChecked(run, path, ["--version"], { cwd: binDir, env })).stdout.trim();
  if (`pnpm@${version}` !== pnpm.prefix.find((a) => a.startsWith("--package="))?.slice("--package=".length)) {
    throw new Error(`the pnpm shim runs pnpm ${version}, not the pinned ${pnpm.prefix.join(" ")}`);
  }
  return path;
}
