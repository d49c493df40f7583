import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { scenarios } from "../src/scenario-registry.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const runner = (...args: string[]) =>
  spawnSync(process.execPath, ["--conditions=@bcts/source", "--import", "tsx", "apps/sample/src/run-scenario.ts", ...args], {
    cwd: root,
    encoding: "utf8",
    // no live-tenant variables: the runner starts its own emulator
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
    timeout: 60_000,
  });

// `node scripts/pnpm.mjs scenario <name>` as a user runs it: a separate process, its own emulator.
describe("run-scenario", () => {
  test("without a name it lists every scenario", () => {
    const result = runner();
    expect(result.status).toBe(0);
    for (const name of Object.keys(scenarios)) expect(result.stdout).toContain(`  ${name} `);
  });

  test("every scenario file is registered and listed in the README's Samples table", () => {
    const files = readdirSync(new URL("../src/scenarios/", import.meta.url)).map((f) => f.replace(/\.ts$/, "")).sort();
    expect(Object.keys(scenarios).sort()).toEqual(files);
    const readme = readFileSync(new URL("README.md", `file://${root}`), "utf8");
    for (const name of files) expect(readme).toContain(`| \`${name}\` |`);
  });

  test("an unknown name fails and says so", () => {
    const result = runner("no-such-scenario");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Unknown scenario "no-such-scenario"');
  });

  test("a scenario runs alone against a fresh emulator and ends with Done", () => {
    const result = runner("list-companies");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("embedded emulator");
    expect(result.stdout).toContain("CRONUS USA, Inc.");
    expect(result.stdout.trimEnd().endsWith("▸ Done")).toBe(true);
  }, 60_000);
});
