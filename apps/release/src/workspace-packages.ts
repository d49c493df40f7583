import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

export interface PackageManifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly [field: string]: unknown;
}

export interface WorkspacePackage {
  readonly dir: string;
  readonly manifest: PackageManifest;
}

/** Every package under `<root>/<folder>/*` (default `packages`), in name order. */
export async function listWorkspacePackages(root: string, folder = "packages"): Promise<WorkspacePackage[]> {
  const out: WorkspacePackage[] = [];
  for (const entry of await readdir(join(root, folder), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(root, folder, entry.name);
    let text: string;
    try {
      text = await readFile(join(dir, "package.json"), "utf8");
    } catch {
      continue;
    }
    out.push({ dir, manifest: JSON.parse(text) as PackageManifest });
  }
  return out.sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
}
