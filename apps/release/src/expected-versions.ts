import type { Changeset, Bump } from "./read-changesets.js";
import type { PackageManifest } from "./workspace-packages.js";
import { bumpOrder, incrementVersion, satisfiesCaret } from "./semver-lite.js";

/**
 * What `changeset version` should do, derived independently from the rules the repo relies on:
 * each package named in a changeset gets the largest bump named for it; a public package that is
 * not named gets a patch bump when a package it depends on (dependencies / peerDependencies, not
 * devDependencies) leaves the `workspace:^` range, i.e. `^<old version>`; private packages and the
 * config's `ignore` list are never versioned. Returns name → new version for every package.
 */
export function expectedVersions(manifests: readonly PackageManifest[], changesets: readonly Changeset[], ignore: readonly string[] = []): Map<string, string> {
  const versioned = (m: PackageManifest) => m.private !== true && !ignore.includes(m.name);
  const bumps = new Map<string, Bump>();
  for (const changeset of changesets) {
    for (const [name, bump] of changeset.releases) {
      const previous = bumps.get(name);
      if (!previous || bumpOrder[bump] > bumpOrder[previous]) bumps.set(name, bump);
    }
  }
  const byName = new Map(manifests.map((m) => [m.name, m]));
  const next = (name: string) => {
    const m = byName.get(name)!;
    const bump = bumps.get(name);
    return bump && versioned(m) ? incrementVersion(m.version, bump) : m.version;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const m of manifests) {
      if (!versioned(m) || bumps.has(m.name)) continue;
      const deps = { ...m.dependencies, ...m.peerDependencies };
      const leavesRange = Object.entries(deps).some(([dep, range]) => {
        const target = byName.get(dep);
        if (!target || !range.startsWith("workspace:")) return false;
        return !satisfiesCaret(next(dep), target.version);
      });
      if (leavesRange) {
        bumps.set(m.name, "patch");
        changed = true;
      }
    }
  }
  return new Map(manifests.map((m) => [m.name, next(m.name)]));
}
