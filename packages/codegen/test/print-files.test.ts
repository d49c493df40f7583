import { readFileSync } from "node:fs";
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
