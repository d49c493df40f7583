import { cp, mkdir, readdir, readFile, symlink } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { PackageManifest } from "./workspace-packages.js";

/**
 * Copies the workspace as `changeset version` and `changeset publish` see it into `dest`: root
 * package.json, pnpm-workspace.yaml, .changeset/**, every workspace package's package.json, and for
 * each public package the paths its `files` field publishes (dist, src, metadata, …; pnpm pack still
 * applies the `!` patterns; `publishedFiles: false` skips them). The repo's node_modules is linked so the changesets CLI's changelog
 * generator resolves. Nothing in the repository is modified afterwards.
 */
export async function copyWorkspace(repoRoot: string, dest: string, options: { readonly publishedFiles?: boolean } = {}): Promise<void> {
  await mkdir(dest, { recursive: true });
  for (const file of ["package.json", "pnpm-workspace.yaml"]) await cp(join(repoRoot, file), join(dest, file));
  await cp(join(repoRoot, ".changeset"), join(dest, ".changeset"), { recursive: true });
  for (const folder of ["packages", "apps"]) {
    for (const entry of await readdir(join(repoRoot, folder), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const from = join(repoRoot, folder, entry.name);
      const to = join(dest, folder, entry.name);
      if (!existsSync(join(from, "package.json"))) continue;
      await mkdir(to, { recursive: true });
      await cp(join(from, "package.json"), join(to, "package.json"));
      const manifest = JSON.parse(await readFile(join(from, "package.json"), "utf8")) as PackageManifest;
      if (manifest.private === true || options.publishedFiles === false) continue;
      const published = ((manifest["files"] as string[] | undefined) ?? []).filter((f) => !f.startsWith("!"));
      const always = (await readdir(from)).filter((f) => /^(readme|license|licence|changelog)(\..*)?$/i.test(f));
      for (const path of [...published, ...always]) {
        if (existsSync(join(from, path))) await cp(join(from, path), join(to, path), { recursive: true });
      }
    }
  }
  await symlink(join(repoRoot, "node_modules"), join(dest, "node_modules"), "dir");
}
