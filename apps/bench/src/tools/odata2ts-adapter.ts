import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { odata2tsSurvivalProbe } from "./odata2ts-survival-probe.js";
import { binPath, installedVersion } from "./installed-version.js";
import type { ToolAdapter } from "./tool-adapter.js";

/**
 * @odata2ts/odata2ts 0.34.0 (newest in this registry), CLI flags as documented by the tool:
 * `odata2ts -s <edmx> -o <dir> -m all -e ts -name <Service>` → model, Q-objects and services.
 * It needs a tsconfig.json in the working directory, so the bench stages one next to the input.
 * `bundled: false` adds an `odata2ts.config.cjs` with `bundledFileGeneration: false` (one file per
 * type instead of three large files), the tool's documented answer for large services.
 */
function createOdata2tsAdapter(variant: { readonly id: "odata2ts" | "odata2ts-unbundled"; readonly label: string; readonly bundled: boolean }): ToolAdapter {
  return {
    id: variant.id,
    label: variant.label,
    version: () =>
      `@odata2ts/odata2ts ${installedVersion("@odata2ts/odata2ts")} (odata-service ${installedVersion("@odata2ts/odata-service")}, http-client-fetch ${installedVersion("@odata2ts/http-client-fetch")})`,
    unavailableReason: async () => (installedVersion("@odata2ts/odata2ts") === "not installed" ? "@odata2ts/odata2ts is not installed" : null),
    prepare(doc, outDir) {
      rmSync(outDir, { recursive: true, force: true });
      mkdirSync(join(outDir, "in"), { recursive: true });
      copyFileSync(doc.file, join(outDir, "in", `${doc.serviceName}.xml`));
      writeFileSync(join(outDir, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "Bundler", strict: true, skipLibCheck: true } }, null, 2));
      if (!variant.bundled) writeFileSync(join(outDir, "odata2ts.config.cjs"), "module.exports = { bundledFileGeneration: false };\n");
    },
    generation(doc, outDir) {
      return {
        command: process.execPath,
        args: [binPath("@odata2ts/odata2ts", "odata2ts"), "-s", join("in", `${doc.serviceName}.xml`), "-o", "src", "-m", "all", "-e", "ts", "-name", doc.serviceName],
        cwd: outDir,
        timeoutMs: 300_000,
      };
    },
    codeDir: (_doc, outDir) => join(outDir, "src"),
    survivalProbe: (_doc, codeDir) => odata2tsSurvivalProbe(codeDir),
  };
}

/** odata2ts as it runs by default (bundled: model, Q-objects and services in three files). */
export const odata2tsAdapter = createOdata2tsAdapter({ id: "odata2ts", label: "odata2ts", bundled: true });
/** odata2ts with `bundledFileGeneration: false`. */
export const odata2tsUnbundledAdapter = createOdata2tsAdapter({ id: "odata2ts-unbundled", label: "odata2ts unbundled", bundled: false });
