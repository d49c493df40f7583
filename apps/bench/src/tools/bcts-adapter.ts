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
 * `generate({ routes: [{ name, kind, path, source, outDir }] })`. Its sources are bundled once
 * (untimed) so the timed run is plain `node` on JavaScript, like the peers' published dist.
 */
export const bctsAdapter: ToolAdapter = {
  id: "bcts",
  label: "bcts",
  version: () => `@bcts/codegen ${installedVersion("@bcts/codegen")} (workspace source, ${gitHead()})`,
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

async function bundleChild(): Promise<void> {
  if (existsSync(childBundle) && statSync(childBundle).mtimeMs > Date.now() - 60_000) return;
  await build({
    entryPoints: [childSource],
    outfile: childBundle,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    conditions: ["@bcts/source"],
    // third-party dependencies stay in node_modules (as for a published package): they are left
    // as imports of their resolved absolute paths, since .work/ cannot see codegen's node_modules.
    plugins: [{
      name: "external-by-path",
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, async (args) => {
          if (args.pluginData === "inner" || args.path.startsWith("@bcts/")) return undefined;
          if (args.path.startsWith("node:")) return { path: args.path, external: true };
          const r = await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: "inner" });
          if (r.errors.length > 0 || r.external) return { path: args.path, external: true };
          return { path: r.path, external: true };
        });
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
