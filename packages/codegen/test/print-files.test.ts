import { readdirSync, readFileSync } from "node:fs";
import { DEFAULT_NAMING } from "../src/config/resolve-naming.js";
import { join } from "node:path";
import { expect, it } from "vitest";
import { emitRoute } from "../src/emit/emit-route.js";
import { parseCsdl } from "../src/csdl/parse-csdl.js";
import { buildModel } from "../src/model/build-model.js";
import { printFiles } from "../src/print/print-files.js";
import { fixturesDir } from "./golden-cases.js";

it("the fast printer and ts-morph's public createSourceFile path produce the same bytes", () => {
  const xml = readFileSync(join(fixturesDir, "odatav4.coolrunner-business-central-php.xml"), "utf8");
  const model = buildModel(parseCsdl(xml, { source: "x.xml", maxBytes: 1e8 }), { routeName: "ODataV4", routeKind: "odatav4", routePath: "ODataV4", entitySets: "all", naming: DEFAULT_NAMING }, "x.xml");
  const emitted = emitRoute(model, { decimal: "number", int64: "number", dates: "string", runtimeModule: "@bcts/odata", openapi: true }, "x.xml");
  const fast = printFiles(emitted, "// banner");
  const reparsed = printFiles(emitted, "// banner", { reparse: true });
  expect(fast.size).toBeGreaterThan(100);
  expect([...fast.entries()]).toEqual([...reparsed.entries()]);
}, 60_000);

/** Every fixture document, emitted as `bcts generate` would (all entity sets, dates as Date, OpenAPI on). */
function* emittedFixtures(): Generator<readonly [string, ReturnType<typeof emitRoute>]> {
  for (const name of readdirSync(fixturesDir).filter((f) => f.endsWith(".xml"))) {
    const xml = readFileSync(join(fixturesDir, name), "utf8");
    const kind = name.startsWith("api") ? "api" : "odatav4";
    const model = buildModel(parseCsdl(xml, { source: name, maxBytes: 1e8 }), { routeName: kind, routeKind: kind, routePath: kind === "api" ? "api/v2.0" : "ODataV4", entitySets: "all", naming: DEFAULT_NAMING }, name);
    yield [name, emitRoute(model, { decimal: "string", int64: "string", dates: "Date", runtimeModule: "@bcts/odata", openapi: true }, name)];
  }
}

it("text statements printed as stand-ins give the same bytes as printing them, on every fixture", () => {
  for (const [name, emitted] of emittedFixtures()) {
    const withStandIns = printFiles(emitted, "// banner");
    const plain = printFiles(emitted, "// banner", { standIns: false });
    expect(withStandIns.size, name).toBeGreaterThan(5);
    expect([...withStandIns.entries()], name).toEqual([...plain.entries()]);
  }
}, 120_000);

it("interfaces and imports printed as text give ts-morph's bytes, on every fixture", () => {
  for (const [name, emitted] of emittedFixtures()) {
    const asText = printFiles(emitted, "// banner");
    const byTsMorph = printFiles(emitted, "// banner", { structuresAsText: false });
    expect([...asText.entries()], name).toEqual([...byTsMorph.entries()]);
  }
}, 120_000);
