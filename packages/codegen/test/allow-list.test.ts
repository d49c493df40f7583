import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { resolveConfig } from "../src/config/resolve-config.js";
import { generateFiles } from "../src/generate-files.js";
import { writeOutput } from "../src/print/write-output.js";
import { fixturesDir, goldenDir } from "./golden-cases.js";
import { typecheck } from "./typecheck.js";

it("an allow-list keeps the listed sets and their deep-insert lines, keeps navigation typed by name, and compiles", async () => {
  const outDir = join(import.meta.dirname ?? __dirname, ".tmp", "allow-list");
  const [route] = resolveConfig({ routes: [{ name: "api-v2.0", kind: "api", path: "api/v2.0", source: { kind: "file", path: "x" }, outDir, entitySets: ["customers", "salesOrders", "items"] }] }, outDir);
  const xml = readFileSync(join(fixturesDir, "api-v2.0.erlorenz-bc-codegen.2025-08.xml"), "utf8");
  const { files } = generateFiles(xml, "api-v2.0.xml", route!);
  await writeOutput(outDir, files);
  const index = files.get("index.ts")!;
  expect([...index.matchAll(/^ {4}(\w+): \w+Set,$/gm)].map((m) => m[1])).toEqual(["customers", "items", "salesOrders"]);
  expect([...files.keys()].filter((f) => f.endsWith(".ts")).sort()).toEqual([
    "complex-types.ts", "customer.ts", "dimension-set-line.ts", "enums.ts", "index.ts", "item.ts", "paths.ts", "registry.ts", "sales-order-line.ts", "sales-order.ts",
  ]);
  // The pruned currency type is still navigable, typed by name (EntityModel unless its module is loaded).
  expect(files.get("customer.ts")).toContain(`readonly currency: NavigationModel<ModelOf<"Microsoft.NAV.currency">, false>;`);
  expect(typecheck(outDir).diagnostics).toEqual([]);
}, 120_000);

it("an allow-list of entity sets keeps every unbound operation, and the types they use", () => {
  // Unbound operations are not entity sets: before issue 14 an allow-list dropped all of them silently.
  const fixture = "odatav4.coolrunner-business-central-php.xml";
  const outDir = join(import.meta.dirname ?? __dirname, ".tmp", "allow-list-operations");
  const [route] = resolveConfig({ routes: [{ name: "ODataV4", kind: "odatav4", path: "ODataV4", source: { kind: "file", path: "x" }, outDir, entitySets: ["CS_ApprovalComments"] }] }, outDir);
  const { files } = generateFiles(readFileSync(join(fixturesDir, fixture), "utf8"), fixture, route!);
  const all = readFileSync(join(goldenDir, fixture.replace(/\.xml$/, ""), "operations.ts"), "utf8");
  expect([...all.matchAll(/^ {2}readonly \w+: ActionModel/gm)]).toHaveLength(22);
  // The same 22 operations, byte for byte, as in the unpruned golden output.
  expect(files.get("operations.ts")).toBe(all);
  expect(files.get("index.ts")).toContain("operations,");
});
