import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { goldenDir } from "./golden-cases.js";
import { typecheck } from "./typecheck.js";

const dir = join(goldenDir, "api-v2.0.erlorenz-bc-codegen.2025-08");
const tmp = join(goldenDir, "../.tmp");

// Navigation targets are looked up by qualified name in the route's `Models` interface, which each
// entity module extends: importing the index types every target, importing one module stays small.
it("types navigation targets by name once their modules are part of the program", () => {
  writeFileSync(join(tmp, "lazy-full.ts"), `import type { SalesOrderModel, CustomerModel, SalesOrderLineModel } from "../golden/api-v2.0.erlorenz-bc-codegen.2025-08/index.js";
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
export const customer: Equal<SalesOrderModel["navigation"]["customer"]["target"], CustomerModel> = true;
export const lines: Equal<SalesOrderModel["navigation"]["salesOrderLines"]["collection"], true> = true;
export const deepInsert: Equal<NonNullable<SalesOrderModel["create"]["salesOrderLines"]>[number], SalesOrderLineModel["create"]> = true;
`);
  const { diagnostics } = typecheck(tmp, {}, ["lazy-full.ts"]);
  expect(diagnostics).toEqual([]);
}, 60_000);

it("a program importing one entity module loads a handful of files, not the whole route", () => {
  writeFileSync(join(tmp, "lazy-one.ts"), `import type { SalesOrderModel } from "../golden/api-v2.0.erlorenz-bc-codegen.2025-08/sales-order.js";
import type { EntityModel } from "@bcts/odata";
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
export const untypedTarget: Equal<SalesOrderModel["navigation"]["customer"]["target"], EntityModel> = true;
`);
  const { diagnostics, programFiles } = typecheck(tmp, {}, ["lazy-one.ts"]);
  expect(diagnostics).toEqual([]);
  const route = typecheck(tmp, {}, ["lazy-full.ts"]).programFiles;
  // consumer + sales-order + registry + enums, plus @bcts/odata's own sources; the route has 92 modules.
  expect(route - programFiles).toBeGreaterThan(80);
}, 60_000);
