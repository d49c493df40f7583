import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ResolvedRoute } from "../src/config/config-types.js";
import { resolveConfig } from "../src/config/resolve-config.js";

const here = dirname(fileURLToPath(import.meta.url));
export const fixturesDir = join(here, "../../../fixtures/bc-metadata");
export const goldenDir = join(here, "golden");

export interface GoldenCase {
  readonly fixture: string;
  readonly route: ResolvedRoute;
  readonly xml: () => string;
}

function goldenCase(fixture: string, route: { name: string; kind: "api" | "odatav4"; path: string; entitySets?: string[] }, folder = fixture.replace(/\.xml$/, "")): GoldenCase {
  const [resolved] = resolveConfig({ routes: [{ ...route, source: { kind: "file", path: join(fixturesDir, fixture) }, outDir: join(goldenDir, folder) }] }, here);
  return { fixture, route: resolved!, xml: () => readFileSync(join(fixturesDir, fixture), "utf8") };
}

/** Real fixtures whose full generated output is committed under test/golden/<fixture>/ and compared byte for byte. */
export const goldenCases: readonly GoldenCase[] = [
  goldenCase("api-v2.0.erlorenz-bc-codegen.2025-08.xml", { name: "api-v2.0", kind: "api", path: "api/v2.0" }),
  goldenCase("api-v2.0.rebelpl.2025-05.raw-minified.xml", { name: "api-v2.0", kind: "api", path: "api/v2.0" }),
  goldenCase("api-v2.0.rebelpl.2025-06.xml", { name: "api-v2.0", kind: "api", path: "api/v2.0" }),
  goldenCase("api-v1.0.gedasb-d365bcapi.2020.xml", { name: "api-v1.0", kind: "api", path: "api/v1.0" }),
  goldenCase("odatav4.coolrunner-business-central-php.xml", { name: "ODataV4", kind: "odatav4", path: "ODataV4" }),
  goldenCase("odatav4.poloio-bc-odatav4-test.connected-service-csdl.xml", { name: "ODataV4", kind: "odatav4", path: "ODataV4" }),
  goldenCase("odatav4.ronak000-myportal.connected-service-csdl.xml", { name: "ODataV4", kind: "odatav4", path: "ODataV4" }),
];
