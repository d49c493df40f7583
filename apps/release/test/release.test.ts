import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPackages } from "../src/build-packages.js";
import { checkTarballTypes, ignoredResolutions } from "../src/check-tarball-types.js";
import { compileConsumer, installConsumer, runConsumer, runInstalledBin } from "../src/consumer-commands.js";
import { writeConsumerProject } from "../src/consumer-project.js";
import { expectedVersions } from "../src/expected-versions.js";
import { lintTarball, type PackagingProblem } from "../src/lint-tarball.js";
import { packPackage } from "../src/pack-package.js";
import { listPublicPackages, type PackageManifest, type WorkspacePackage } from "../src/public-packages.js";
import { publishTarball } from "../src/publish-tarball.js";
import { readChangesets, parseChangeset } from "../src/read-changesets.js";
import { readPackedManifest } from "../src/read-packed-manifest.js";
import { runCommand, type CommandResult } from "../src/run-command.js";
import { satisfiesCaret } from "../src/semver-lite.js";
import { startLocalRegistry, type LocalRegistry } from "../src/start-local-registry.js";
import { makeTempDir, type TempDir } from "../src/temp-dir.js";
import { versionDryRun, type VersionDryRun } from "../src/version-dry-run.js";

const repoRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const dependencyFields = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"] as const;
const internalDeps = (m: PackageManifest) =>
  dependencyFields.flatMap((field) => Object.entries((m[field] as Record<string, string> | undefined) ?? {}).filter(([name]) => name.startsWith("@bcts/")).map(([name, range]) => ({ field, name, range })));

describe("version step: `changeset version` on a copy of the workspace manifests", () => {
  // A probe changeset so that the step always has something to do, even right after a release:
  // @bcts/emulator is only a devDependency of the others, so it must not bump them.
  const probe = { "release-test-probe": `---\n"@bcts/emulator": patch\n---\n\nRelease test probe.\n` };
  let work: TempDir;
  let dryRun: VersionDryRun;
  let changesets: Awaited<ReturnType<typeof readChangesets>>;
  let ignore: string[];

  beforeAll(async () => {
    work = await makeTempDir("version");
    changesets = [...(await readChangesets(repoRoot)), parseChangeset("release-test-probe", probe["release-test-probe"])];
    ignore = (JSON.parse(await readFile(join(repoRoot, ".changeset", "config.json"), "utf8")) as { ignore?: string[] }).ignore ?? [];
    dryRun = await versionDryRun(runCommand, repoRoot, join(work.path, "repo"), probe);
  }, 60_000);
  afterAll(() => work?.remove());

  it("bumps each public package as its changesets say, and dependents whose workspace:^ range it leaves by a patch", () => {
    const expected = expectedVersions(dryRun.before, changesets, ignore);
    const publicNames = dryRun.before.filter((m) => m.private !== true).map((m) => m.name);
    expect(publicNames.length).toBeGreaterThan(0);
    const actual = Object.fromEntries(publicNames.map((n) => [n, dryRun.after.get(n)?.manifest.version]));
    expect(actual).toEqual(Object.fromEntries(publicNames.map((n) => [n, expected.get(n)])));
    expect(actual["@bcts/emulator"]).not.toBe(dryRun.before.find((m) => m.name === "@bcts/emulator")?.version);
  });

  it("keeps internal dependency ranges resolvable to the new versions", () => {
    const problems: string[] = [];
    for (const [name, { manifest }] of dryRun.after) {
      for (const dep of internalDeps(manifest)) {
        const target = dryRun.after.get(dep.name)?.manifest.version;
        if (target === undefined) problems.push(`${name} ${dep.field} ${dep.name}: not a workspace package`);
        else if (!dep.range.startsWith("workspace:") && !satisfiesCaret(target, dep.range.replace(/^\^/, ""))) {
          problems.push(`${name} ${dep.field} ${dep.name}@${dep.range} does not accept the new ${target}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("writes a CHANGELOG entry with each changeset's summary under the new version, and consumes the changesets", () => {
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
    expect(touched, "set \"privatePackages\": { \"version\": false, \"tag\": false } in .changeset/config.json").toEqual([]);
  });
});

describe("release step: build, pack, lint, publish to a local registry, install with npm, type-check and run", () => {
  let work: TempDir;
  let registry: LocalRegistry | undefined;
  let packages: WorkspacePackage[];
  const tarballs = new Map<string, string>();
  const problems = new Map<string, PackagingProblem[]>();
  let consumerDir: string;
  let compiled: Promise<CommandResult>;

  beforeAll(async () => {
    work = await makeTempDir("publish");
    packages = await listPublicPackages(repoRoot);
    await buildPackages(runCommand, repoRoot);
    await Promise.all(
      packages.map(async (p) => {
        const tarball = await packPackage(runCommand, repoRoot, p, join(work.path, "tarballs"));
        tarballs.set(p.manifest.name, tarball);
        problems.set(p.manifest.name, [...(await lintTarball(tarball)), ...(await checkTarballTypes(tarball))]);
      }),
    );
    registry = await startLocalRegistry(join(work.path, "registry"));
    for (const p of packages) await publishTarball(runCommand, registry, tarballs.get(p.manifest.name)!, work.path);
    consumerDir = join(work.path, "consumer");
    const rootManifest = JSON.parse(await readFile(join(repoRoot, "package.json"), "utf8")) as PackageManifest;
    await writeConsumerProject(consumerDir, {
      registryUrl: registry.url,
      authToken: registry.authToken,
      packages: Object.fromEntries(packages.map((p) => [p.manifest.name, p.manifest.version])),
      devDependencies: { typescript: rootManifest.devDependencies!["typescript"]!, "@types/node": rootManifest.devDependencies!["@types/node"]! },
    });
    await installConsumer(runCommand, consumerDir);
    compiled = compileConsumer(runCommand, consumerDir);
    compiled.catch(() => {}); // asserted below
  }, 300_000);

  afterAll(async () => {
    await registry?.close();
    await work?.remove();
  });

  it("packs every public package with real internal ranges instead of workspace:", async () => {
    expect(packages.map((p) => p.manifest.name).sort()).toEqual([...tarballs.keys()].sort());
    const versions = new Map(packages.map((p) => [p.manifest.name, p.manifest.version]));
    for (const p of packages) {
      const packed = await readPackedManifest(tarballs.get(p.manifest.name)!);
      expect(packed.version).toBe(p.manifest.version);
      for (const dep of internalDeps(packed)) expect(`${p.manifest.name} ${dep.field} ${dep.name}@${dep.range}`).toBe(`${p.manifest.name} ${dep.field} ${dep.name}@^${versions.get(dep.name)}`);
    }
  });

  it("passes publint and are-the-types-wrong (ESM-only profile) for every tarball", () => {
    const found = Object.fromEntries([...problems].filter(([, list]) => list.length > 0).map(([name, list]) => [name, list.map((p) => `${p.tool} ${p.code}: ${p.message}`)]));
    expect(Object.keys(ignoredResolutions).sort()).toEqual(["node10", "node16-cjs"]);
    expect(found).toEqual({});
  });

  it("installs every package from the local registry at the published version", async () => {
    const lock = JSON.parse(await readFile(join(consumerDir, "package-lock.json"), "utf8")) as { packages: Record<string, { version?: string; resolved?: string }> };
    for (const p of packages) {
      const entry = lock.packages[`node_modules/${p.manifest.name}`];
      expect(entry?.version, p.manifest.name).toBe(p.manifest.version);
      expect(entry?.resolved, p.manifest.name).toMatch(new RegExp(`^${registry!.url.replace(/[.]/g, "\\.")}`));
    }
  });

  it("installs every declared bin so that it runs from the shell (`--help` exits 0)", async () => {
    const outcomes: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const p of packages) {
      for (const bin of Object.keys((p.manifest["bin"] as Record<string, string> | undefined) ?? {})) {
        const r = await runInstalledBin(runCommand, consumerDir, bin, ["--help"]);
        outcomes[`${p.manifest.name} ${bin}`] = r.code === 0 ? "exit 0" : `exit ${r.code}: ${r.stderr.trim().split("\n").slice(0, 3).join(" | ")}`;
        expected[`${p.manifest.name} ${bin}`] = "exit 0";
      }
    }
    expect(Object.keys(outcomes).length).toBeGreaterThan(0);
    expect(outcomes).toEqual(expected);
  });

  it("type-checks the consumer program (strict, NodeNext) against the published declarations", async () => {
    await expect(compiled.then((r) => r.code)).resolves.toBe(0);
  });

  it("runs the compiled program with node against the emulator: token, companies, customers with the typed $select and $filter", async () => {
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
  });
});
