import { join } from "node:path";
import { expect, it } from "vitest";
import { goldenCases } from "./golden-cases.js";
import { typecheck } from "./typecheck.js";

// A type-check budget on real fixtures, in the checker's own deterministic counters (not seconds, which
// vary with machine load). Generous limits: today the full API v2.0 client needs ~12k types and ~9k
// instantiations; odata2ts-style recursive generics need orders of magnitude more (or overflow).
const budget = { types: 60_000, instantiations: 60_000 };

it.each(goldenCases.map((c) => [c.fixture, c.route.outDir] as const))("%s stays within the type-check budget", (_, outDir) => {
  const { diagnostics, types, instantiations } = typecheck(outDir);
  expect(diagnostics).toEqual([]);
  expect(types).toBeLessThan(budget.types);
  expect(instantiations).toBeLessThan(budget.instantiations);
}, 240_000);

// Counted under the generated folder: the runtime's own files are the same in both programs (and grow
// with the runtime), so they say nothing about how much of the route one import pulls in.
it("a program importing one entity module of API v2.0 loads a fraction of the full client's files", () => {
  const dir = join(goldenCases[0]!.route.outDir);
  const one = typecheck(dir, {}, ["customer.ts"]);
  const full = typecheck(dir);
  expect(one.diagnostics).toEqual([]);
  expect(one.dirFiles * 2).toBeLessThan(full.dirFiles);
  expect(one.types).toBeLessThan(full.types);
}, 240_000);
