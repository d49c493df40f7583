import { mkdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPackages } from "../src/build-packages.js";
import { withBuildLock } from "../src/build-lock.js";
import { changesetPublish } from "../src/changeset-publish.js";
import { checkTarballTypes, ignoredResolutions } from "../src/check-tarball-types.js";
import { compileConsumer, installConsumer, runConsumer, runInstalledBin } from "../src/consumer-commands.js";
import { writeConsumerProject } from "../src/consumer-project.js";
import { copyWorkspace } from "../src/copy-workspace.js";
import { expectedVersions } from "../src/expected-versions.js";
import { fetchPublishedTarball } from "../src/fetch-published-tarball.js";
import { initGitRepo, listGitTags } from "../src/init-git-repo.js";
import { linkWorkspaceDependencies } from "../src/link-workspace-dependencies.js";
import { lintTarball, type PackagingProblem } from "../src/lint-tarball.js";
import type { PackageManifest } from "../src/workspace-packages.js";
import { parseChangeset, readChangesets, type Changeset } from "../src/read-changesets.js";
import { readPackedManifest } from "../src/read-packed-manifest.js";
import { runCommand, type CommandResult } from "../src/run-command.js";
import { satisfiesCaret } from "../src/semver-lite.js";
import { startLocalRegistry, type LocalRegistry } from "../src/start-local-registry.js";
import { makeTempDir, type TempDir } from "../src/temp-dir.js";
import { versionDryRun, type VersionDryRun } from "../src/version-dry-run.js";
import { writePnpmShim } from "../src/write-pnpm-shim.js";

const repoRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const dependencyFields = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"] as const;
const internalDeps = (m: PackageManifest) =>
  dependencyFields.flatMap((field) =>
    Object.entries((m[field] as Record<string, string> | undefined) ?? {})
      .filter(([name]) => name.startsWith("@bcts/"))
      .map(([name, range]) => ({ field, name, range })),
  );

const timings: string[] = [];
/** Runs one pipeline step and records how long it took (printed after the run). */
async function step<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await fn();
  } finally {
    timings.push(`${label} ${((performance.now() - started) / 1000).toFixed(1)}s`);
  }
}

// A probe changeset so that the rehearsal always has something to release, even right after a
// real release: @bcts/emulator is only a devDependency of the others, so it must not bump them.
const probeText = `---\n"@bcts/emulator": patch\n---\n\nRelease test probe.\n`;

/**
 * The whole pipeline on a copy of the workspace: build (in the repo, as `pnpm release` does), then in
 * a temp copy with its own git repository `changeset version` and `changeset publish` into a local
 * verdaccio, then a fresh npm project installs what was published, type-checks and runs a program.
 */
describe("release rehearsal: changeset version, changeset publish to a local registry, npm install, tsc, run", () => {
  let work: TempDir;
  let registry: LocalRegistry | undefined;
  let workspace: string;
  let changesets: Changeset[];
  let ignore: string[];
  let dryRun: VersionDryRun;
  let published: CommandResult;
  let publicNames: string[];
  let newVersions: Map<string, string>;
  const tarballs = new Map<string, string>();
  const problems = new Map<string, PackagingProblem[]>();
  let consumerDir: string;
  let compiled: Promise<CommandResult>;

  beforeAll(async () => {
    work = await makeTempDir("rehearsal");
    workspace = join(work.path, "repo");
    // Under the build lock: the getting-started test's `npm run pack:all` must not rebuild dist/ while it is copied.
    await withBuildLock(repoRoot, async () => {
      await step("build", () => buildPackages(runCommand, repoRoot));
      await step("copy", () => copyWorkspace(repoRoot, workspace));
    });
    await step("link", async () => {
      await linkWorkspaceDependencies(workspace);
      await initGitRepo(runCommand, workspace);
    });

    changesets = [...(await readChangesets(repoRoot)), parseChangeset("release-test-probe", probeText)];
    ignore = (JSON.parse(await readFile(join(repoRoot, ".changeset", "config.json"), "utf8")) as { ignore?: string[] }).ignore ?? [];
    dryRun = await step("changeset version", () => versionDryRun(runCommand, repoRoot, workspace, { "release-test-probe": probeText }));
    publicNames = dryRun.before.filter((m) => m.private !== true).map((m) => m.name);
    newVersions = new Map(publicNames.map((n) => [n, dryRun.after.get(n)!.manifest.version]));

    registry = await step("start verdaccio", () => startLocalRegistry(join(work.path, "registry")));
    const pnpmShim = await step("pnpm shim", () => writePnpmShim(runCommand, repoRoot, join(work.path, "bin")));
    published = await step("changeset publish", () => changesetPublish(runCommand, repoRoot, workspace, registry!, pnpmShim));

    const downloads = join(work.path, "downloads");
    await mkdir(downloads);
    await step("download + publint + attw", () => Promise.all(
      publicNames.map(async (name) => {
        const tarball = await fetchPublishedTarball(registry!.url, name, newVersions.get(name)!, downloads);
        tarballs.set(name, tarball);
        problems.set(name, [...(await lintTarball(tarball)), ...(await checkTarballTypes(tarball))]);
      }),
    ));

    consumerDir = join(work.path, "consumer");
    const rootManifest = JSON.parse(await readFile(join(repoRoot, "package.json"), "utf8")) as PackageManifest;
    await writeConsumerProject(consumerDir, {
      registryUrl: registry.url,
      authToken: registry.authToken,
      packages: Object.fromEntries(newVersions),
      devDependencies: { typescript: rootManifest.devDependencies!["typescript"]!, "@types/node": rootManifest.devDependencies!["@types/node"]! },
    });
    await step("npm install", () => installConsumer(runCommand, consumerDir));
    compiled = step("tsc", () => compileConsumer(runCommand, consumerDir));
    compiled.catch(() => {}); // asserted below
  }, 330_000);

  afterAll(async () => {
    await registry?.close();
    await work?.remove();
    console.log(`release rehearsal: ${timings.join(", ")}`);
  });

  describe("version step", () => {
    it("bumps each public package as its changesets say, and dependents whose workspace:^ range it leaves by a patch", () => {
      const expected = expectedVersions(dryRun.before, changesets, ignore);
      expect(publicNames.length).toBeGreaterThan(0);
      expect(Object.fromEntries(newVersions)).toEqual(Object.fromEntries(publicNames.map((n) => [n, expected.get(n)])));
      expect(newVersions.get("@bcts/emulator")).not.toBe(dryRun.before.find((m) => m.name === "@bcts/emulator")?.version);
    });

    it("keeps internal dependency ranges resolvable to the new versions", () => {
      const bad: string[] = [];
      for (const [name, { manifest }] of dryRun.after) {
        for (const dep of internalDeps(manifest)) {
          const target = dryRun.after.get(dep.name)?.manifest.version;
          if (target === undefined) bad.push(`${name} ${dep.field} ${dep.name}: not a workspace package`);
          else if (!dep.range.startsWith("workspace:") && !satisfiesCaret(target, dep.range.replace(/^\^/, ""))) {
            bad.push(`${name} ${dep.field} ${dep.name}@${dep.range} does not accept the new ${target}`);
          }
        }
      }
      expect(bad).toEqual([]);
    });

    it("writes each changeset's summary under the new version in CHANGELOG.md, and consumes the changesets", () => {
      for (const changeset of changesets) {
        for (const name of changeset.releases.keys()) {
          const after = dryRun.after.get(name)!;
          expect(after.changelog, name).toContain(`## ${after.manifest.version}`);
          expect(after.changelog, name).toContain(changeset.summary.split("\n")[0]!.trim());
        }
      }
      expect(dryRun.changesetsLeft).toEqual([]);
    });

    it("leaves the private apps alone (no version bump, no CHANGELOG)", () => {
      const touched = [...dryRun.after.values()]
        .filter((p) => p.manifest.private === true)
        .filter((p) => p.changelog !== undefined || p.manifest.version !== dryRun.before.find((m) => m.name === p.manifest.name)?.version)
        .map((p) => `${p.manifest.name} → ${p.manifest.version}${p.changelog === undefined ? "" : " with a CHANGELOG.md"}`);
      expect(touched, 'set "privatePackages": { "version": false, "tag": false } in .changeset/config.json').toEqual([]);
    });
  });

  describe("release step", () => {
    it("publishes every public package at its new version and tags each release in git", async () => {
      for (const name of publicNames) expect(published.stdout + published.stderr).toContain(`${name}@${newVersions.get(name)}`);
      expect(await listGitTags(runCommand, workspace)).toEqual(publicNames.map((n) => `${n}@${newVersions.get(n)}`).sort());
    });

    it("serves manifests whose internal dependencies are ^<new version> instead of workspace:", async () => {
      for (const name of publicNames) {
        const packed = await readPackedManifest(tarballs.get(name)!);
        expect(packed.version).toBe(newVersions.get(name));
        for (const dep of internalDeps(packed)) expect(`${name} ${dep.field} ${dep.name}@${dep.range}`).toBe(`${name} ${dep.field} ${dep.name}@^${newVersions.get(dep.name)}`);
      }
    });

    it("passes publint and are-the-types-wrong (all but require() from CommonJS) for every published tarball", () => {
      const found = Object.fromEntries(
        [...problems].filter(([, list]) => list.length > 0).map(([name, list]) => [name, list.map((p) => `${p.tool} ${p.code}: ${p.message}`)]),
      );
      expect(problems.size).toBe(publicNames.length);
      expect(Object.keys(ignoredResolutions)).toEqual(["node16-cjs"]);
      expect(found).toEqual({});
    });
  });

  describe("a fresh npm project using the published packages", () => {
    it("installs every package from the local registry at its new version", async () => {
      const lock = JSON.parse(await readFile(join(consumerDir, "package-lock.json"), "utf8")) as { packages: Record<string, { version?: string; resolved?: string }> };
      for (const name of publicNames) {
        const entry = lock.packages[`node_modules/${name}`];
        expect(entry?.version, name).toBe(newVersions.get(name));
        expect(entry?.resolved?.startsWith(registry!.url), `${name} resolved from ${entry?.resolved}`).toBe(true);
      }
    });

    it("gets working bins (`--help` exits 0 when run from the shell)", async () => {
      const outcomes: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const name of publicNames) {
        const manifest = JSON.parse(await readFile(join(consumerDir, "node_modules", name, "package.json"), "utf8")) as PackageManifest;
        for (const bin of Object.keys((manifest["bin"] as Record<string, string> | undefined) ?? {})) {
          const r = await runInstalledBin(runCommand, consumerDir, bin, ["--help"]);
          outcomes[`${name} ${bin}`] = r.code === 0 ? "exit 0" : `exit ${r.code}: ${r.stderr.trim().split("\n").slice(0, 3).join(" | ")}`;
          expected[`${name} ${bin}`] = "exit 0";
        }
      }
      expect(Object.keys(outcomes).length).toBeGreaterThan(0);
      expect(outcomes).toEqual(expected);
    }, 90_000);

    it("type-checks the program (strict, NodeNext, no skipLibCheck) against the published declarations", async () => {
      await expect(compiled.then((r) => r.code)).resolves.toBe(0);
    }, 180_000);

    it("runs the compiled program with node against the emulator: token, companies, customers with a typed $select and $filter", async () => {
      await compiled;
      const output = JSON.parse((await runConsumer(runCommand, consumerDir)).stdout) as {
        tokenType: string;
        url: string;
        companies: Record<string, unknown>[];
        customers: Record<string, unknown>[];
      };
      expect(output.tokenType).toBe("Bearer");
      expect(output.url).toContain("$select=number,displayName,balanceDue");
      expect(decodeURIComponent(output.url)).toContain("$filter=balanceDue gt 0");
      expect(output.companies.length).toBeGreaterThan(0);
      for (const c of output.companies) expect(Object.keys(c).filter((k) => !k.startsWith("@odata.")).sort()).toEqual(["id", "name"]);
      expect(output.customers.length).toBeGreaterThan(0);
      for (const c of output.customers) {
        expect(Object.keys(c).filter((k) => !k.startsWith("@odata.")).sort()).toEqual(["balanceDue", "displayName", "number"]);
        expect(c["balanceDue"]).toBeGreaterThan(0);
      }
      const names = output.customers.map((c) => String(c["displayName"]));
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }, 90_000);
  });
});
