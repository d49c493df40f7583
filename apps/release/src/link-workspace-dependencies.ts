import { mkdir, symlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { listWorkspacePackages } from "./workspace-packages.js";

/**
 * Links each workspace package's internal dependencies into its node_modules, as `pnpm install`
 * would: `pnpm publish` replaces `workspace:^` with the version it reads from that link.
 */
export async function linkWorkspaceDependencies(root: string): Promise<void> {
  const all = [...(await listWorkspacePackages(root, "packages")), ...(await listWorkspacePackages(root, "apps"))];
  const dirs = new Map(all.map((p) => [p.manifest.name, p.dir]));
  for (const p of all) {
    const deps = { ...p.manifest.dependencies, ...p.manifest.devDependencies, ...p.manifest.peerDependencies };
    for (const [name, range] of Object.entries(deps)) {
      const target = dirs.get(name);
      if (!target || !range.startsWith("workspace:")) continue;
      const link = join(p.dir, "node_modules", ...name.split("/"));
      await mkdir(dirname(link), { recursive: true });
      await symlink(target, link, "dir");
    }
  }
}
