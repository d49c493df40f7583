import { cp, mkdir, readdir, symlink } from "node:fs/promises";
import { join } from "node:path";

/**
 * Copies what `changeset version` reads and writes — root package.json, pnpm-workspace.yaml,
 * .changeset/** and every workspace package's package.json — into `dest`, and links the repo's
 * node_modules so the changelog generator resolves. Nothing in the repo is touched afterwards.
 */
export async function copyWorkspaceManifests(repoRoot: string, dest: string): Promise<void> {
  await mkdir(dest, { recursive: true });
  for (const file of ["package.json", "pnpm-workspace.yaml"]) await cp(join(repoRoot, file), join(dest, file));
  await cp(join(repoRoot, ".changeset"), join(dest, ".changeset"), { recursive: true });
  for (const folder of ["packages", "apps"]) {
    for (const entry of await readdir(join(repoRoot, folder), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const manifest = join(repoRoot, folder, entry.name, "package.json");
      try {
        await cp(manifest, join(dest, folder, entry.name, "package.json"));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
  }
  await symlink(join(repoRoot, "node_modules"), join(dest, "node_modules"), "dir");
}
