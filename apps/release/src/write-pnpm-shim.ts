import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pnpmCommand } from "./pnpm-command.js";

/**
 * A `pnpm` executable in `binDir` that runs the repository's pinned pnpm through `npm exec`:
 * `changeset publish` calls `pnpm publish` by name and this machine has no global pnpm. POSIX only.
 */
export async function writePnpmShim(repoRoot: string, binDir: string): Promise<string> {
  const pnpm = await pnpmCommand(repoRoot);
  await mkdir(binDir, { recursive: true });
  const path = join(binDir, "pnpm");
  const quoted = [pnpm.command, ...pnpm.prefix].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  await writeFile(path, `#!/bin/sh\nexec ${quoted} "$@"\n`);
  await chmod(path, 0o755);
  return path;
}
