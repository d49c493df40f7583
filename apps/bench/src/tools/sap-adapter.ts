import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { binPath, installedVersion } from "./installed-version.js";
import { sapSurvivalProbe } from "./sap-survival-probe.js";
import type { ToolAdapter } from "./tool-adapter.js";

/**
 * @sap-cloud-sdk/generator 4.5.1 (4.8.0's generator-common is missing in this registry):
 * `generate-odata-client -i <dir> -o <dir> --overwrite --skipValidation`. The input file name
 * becomes the service name, and dots in it break generation, so the input is staged as
 * `<serviceName>.xml`. Output: <out>/<serviceName>/*.ts (TypeScript, not transpiled).
 */
export const sapAdapter: ToolAdapter = {
  id: "sap",
  label: "SAP Cloud SDK",
  version: () =>
    `@sap-cloud-sdk/generator ${installedVersion("@sap-cloud-sdk/generator")} (odata-v4 ${installedVersion("@sap-cloud-sdk/odata-v4")})`,
  unavailableReason: async () => (installedVersion("@sap-cloud-sdk/generator") === "not installed" ? "@sap-cloud-sdk/generator is not installed" : null),
  prepare(doc, outDir) {
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(join(outDir, "in"), { recursive: true });
    copyFileSync(doc.file, join(outDir, "in", `${doc.serviceName}.xml`));
  },
  generation(_doc, outDir) {
    return {
      command: process.execPath,
      args: [binPath("@sap-cloud-sdk/generator", "generate-odata-client"), "-i", "in", "-o", "src", "--overwrite", "--skipValidation"],
      cwd: outDir,
      timeoutMs: 300_000,
    };
  },
  codeDir: (doc, outDir) => join(outDir, "src", doc.serviceName),
  survivalProbe: (doc, codeDir) => sapSurvivalProbe(doc, codeDir),
};
