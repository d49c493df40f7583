import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { cleanEnv } from "./clean-env.js";
import { listWorkspacePackages, type PackageManifest } from "./workspace-packages.js";
import { runChecked, type CommandRunner } from "./run-command.js";

export interface VersionedPackage {
  readonly folder: "packages" | "apps";
  readonly manifest: PackageManifest;
  /** The package's CHANGELOG.md after `changeset version`, if it wrote one. */
  readonly changelog: string | undefined;
}

export interface VersionDryRun {
  readonly before: readonly PackageManifest[];
  readonly after: ReadonlyMap<string, VersionedPackage>;
  /** Changeset files left in .changeset/ afterwards (consumed ones are deleted). */
  readonly changesetsLeft: readonly string[];
  readonly output: string;
}

/**
 * `changeset version` — the repo's `version-packages` script — in `workDir`, a copy of the
 * workspace (see copyWorkspace), with the repo's own changesets CLI. The repository is not modified.
 */
export async function versionDryRun(
  run: CommandRunner,
  repoRoot: string,
  workDir: string,
  /** Extra changeset files (id → contents) written into the copy before versioning. */
  extraChangesets: Readonly<Record<string, string>> = {},
): Promise<VersionDryRun> {
  for (const [id, text] of Object.entries(extraChangesets)) await writeFile(join(workDir, ".changeset", `${id}.md`), text);
  const before = [...(await listWorkspacePackages(workDir, "packages")), ...(await listWorkspacePackages(workDir, "apps"))].map((p) => p.manifest);
  const bin = join(repoRoot, "node_modules", ".bin", process.platform === "win32" ? "changeset.cmd" : "changeset");
  const result = await runChecked(run, bin, ["version"], { cwd: workDir, env: cleanEnv(process.env) });
  const after = new Map<string, VersionedPackage>();
  for (const folder of ["packages", "apps"] as const) {
    for (const p of await listWorkspacePackages(workDir, folder)) {
      const changelogPath = join(p.dir, "CHANGELOG.md");
      after.set(p.manifest.name, { folder, manifest: p.manifest, changelog: existsSync(changelogPath) ? await readFile(changelogPath, "utf8") : undefined });
    }
  }
  const changesetsLeft = (await readdir(join(workDir, ".changeset"))).filter((f) => f.endsWith(".md") && f.toLowerCase() !== "readme.md");
  return { before, after, changesetsLeft, output: result.stdout + result.stderr };
}
