import { execSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import type { BenchDocument } from "../bench-document.js";
import { benchRoot, repoRoot, workRoot } from "../paths.js";
import { bctsSurvivalProbe } from "./bcts-survival-probe.js";
import { installedVersion } from "./installed-version.js";
import type { ToolAdapter } from "./tool-adapter.js";

const childSource = join(benchRoot, "src", "tools", "bcts-generate-child.ts");
const childBundle = join(workRoot, "bcts-generate-child.mjs");

/** Route kind and path bcts needs per document (docs/architecture.md, Contract 1). */
function route(doc: BenchDocument): { kind: string; path: string } {
  return doc.id.startsWith("api") ? { kind: "api", path: "api/v2.0" } : { kind: "odatav4", path: "ODataV4" };
}

/**
 * bcts (@bcts/codegen, this repository), through its documented programmatic API
 * `generate({ routes: [{ name, kind, path, source, outDir }] })`, run from its built dist/ (untimed
 * build) so the timed run is plain `node` on JavaScript, like the peers' published dist.
 */
export const bctsAdapter: ToolAdapter = {
  id: "bcts",
  label: "bcts",
  version: () => `@bcts/codegen ${installedVersion("@bcts/codegen")} (workspace, built dist/, ${gitHead()})`,
  async unavailableReason() {
    try {
      const mod = (await import("@bcts/codegen")) as Record<string, unknown>;
      if (typeof mod["generate"] !== "function") return "@bcts/codegen does not export generate() yet";
      await bundleChild();
      return null;
    } catch (error) {
      return `@bcts/codegen could not be loaded: ${(error as Error).message.split("\n")[0]}`;
    }
  },
  prepare(_doc, outDir) {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
  },
  generation(doc, outDir) {
    const r = route(doc);
    return {
      command: process.execPath,
      args: [childBundle, doc.file, join(outDir, "src"), r.kind, r.path, doc.id],
      cwd: outDir,
      timeoutMs: 300_000,
    };
  },
  codeDir: (_doc, outDir) => join(outDir, "src"),
  survivalProbe: (_doc, codeDir) => bctsSurvivalProbe(codeDir),
  // the workspace runtime has no dist/: resolve @bcts/odata to its sources (they get type-checked too)
  compilerOptions: { customConditions: ["@bcts/source"] },
};

const codegenDist = join(repoRoot, "packages", "codegen", "dist", "index.js");

/**
 * Builds @bcts/codegen's dist/ (as `pnpm build` does for publishing) and bundles the small child
 * around it. The child imports the built package by path, so ts-morph and fast-xml-parser load from
 * codegen's own node_modules, exactly as for an installed package; nothing is transpiled while timed.
 */
async function bundleChild(): Promise<void> {
  if (existsSync(childBundle) && statSync(childBundle).mtimeMs > Date.now() - 60_000) return;
  execSync("node ../../node_modules/typescript/bin/tsc -p tsconfig.build.json", { cwd: join(repoRoot, "packages", "codegen"), stdio: "pipe" });
  await build({
    entryPoints: [childSource],
    outfile: childBundle,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    plugins: [{
      name: "codegen-dist",
      setup(b) {
        b.onResolve({ filter: /^@bcts\/codegen$/ }, () => ({ path: codegenDist, external: true }));
      },
    }],
    logLevel: "silent",
    absWorkingDir: repoRoot,
  });
}

function gitHead(): string {
  try {
    return execSync("git rev-parse --short HEAD", { cwd: repoRoot }).toString().trim();
  } catch {
    return "unknown commit";
  }
}
