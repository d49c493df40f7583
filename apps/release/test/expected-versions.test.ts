import { describe, expect, it } from "vitest";
import { expectedVersions } from "../src/expected-versions.js";
import type { PackageManifest } from "../src/workspace-packages.js";
import { parseChangeset } from "../src/read-changesets.js";
import { incrementVersion, satisfiesCaret } from "../src/semver-lite.js";

describe("semver-lite", () => {
  it.each([
    ["0.1.0", "patch", "0.1.1"],
    ["0.1.0", "minor", "0.2.0"],
    ["0.1.3", "major", "1.0.0"],
    ["1.2.3", "minor", "1.3.0"],
  ] as const)("%s + %s = %s", (from, bump, to) => expect(incrementVersion(from, bump)).toBe(to));

  it.each([
    ["0.1.5", "0.1.0", true],
    ["0.2.0", "0.1.0", false],
    ["0.0.2", "0.0.1", false],
    ["1.9.0", "1.2.0", true],
    ["2.0.0", "1.2.0", false],
    ["1.1.0", "1.2.0", false],
  ] as const)("%s satisfies ^%s: %s", (version, base, ok) => expect(satisfiesCaret(version, base)).toBe(ok));
});

describe("parseChangeset", () => {
  it("reads quoted and unquoted names and the summary", () => {
    const c = parseChangeset("x", `---\n"@bcts/auth": minor\n'@bcts/odata': patch\n---\n\nSummary line\nmore\n`);
    expect([...c.releases]).toEqual([["@bcts/auth", "minor"], ["@bcts/odata", "patch"]]);
    expect(c.summary).toBe("Summary line\nmore");
  });
  it("reads an empty changeset (no releases)", () => {
    const c = parseChangeset("x", `---\n---\n`);
    expect(c.releases.size).toBe(0);
    expect(c.summary).toBe("");
  });
  it("rejects a bump it does not know", () => {
    expect(() => parseChangeset("x", `---\n"@bcts/auth": huge\n---\nS\n`)).toThrow(/front matter line/);
  });
});

describe("expectedVersions", () => {
  const m = (name: string, deps: Record<string, string> = {}, devDeps: Record<string, string> = {}, extra: Partial<PackageManifest> = {}): PackageManifest => ({
    name, version: "0.1.0", dependencies: deps, devDependencies: devDeps, ...extra,
  });
  const workspace = [
    m("a"),
    m("b", { a: "workspace:^" }),
    m("c", { b: "workspace:^" }),
    m("d", {}, { a: "workspace:^" }),
    m("app", { a: "workspace:^" }, {}, { private: true, version: "0.0.0" }),
  ];
  const cs = (text: string) => parseChangeset("t", `---\n${text}\n---\nS\n`);

  it("takes the largest bump per package and patches dependents transitively when the range is left", () => {
    const v = expectedVersions(workspace, [cs(`"a": patch`), cs(`"a": minor`)]);
    expect(Object.fromEntries(v)).toEqual({ a: "0.2.0", b: "0.1.1", c: "0.1.0", d: "0.1.0", app: "0.0.0" });
  });
  it("does not bump dependents while the new version stays in range", () => {
    expect(Object.fromEntries(expectedVersions(workspace, [cs(`"a": patch`)]))).toEqual({ a: "0.1.1", b: "0.1.0", c: "0.1.0", d: "0.1.0", app: "0.0.0" });
  });
  it("propagates when a dependent's own patch leaves the next range (0.0.x)", () => {
    const zero = workspace.map((p) => ({ ...p, version: p.private ? p.version : "0.0.1" }));
    expect(Object.fromEntries(expectedVersions(zero, [cs(`"a": patch`)]))).toEqual({ a: "0.0.2", b: "0.0.2", c: "0.0.2", d: "0.0.1", app: "0.0.0" });
  });
  it("never versions ignored packages", () => {
    expect(expectedVersions(workspace, [cs(`"a": minor`)], ["b"]).get("b")).toBe("0.1.0");
  });
});
