import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const goldens = join(dirname(fileURLToPath(import.meta.url)), "golden");

// index.ts re-exports every file; if one were a script (no import/export), projects whose module
// detection does not force ESM fail with TS2306 "is not a module" (seen with the automation route,
// which has no complex types).
describe("every generated TypeScript file is a module", () => {
  for (const fixture of readdirSync(goldens).sort()) {
    it(fixture, () => {
      const scripts = readdirSync(join(goldens, fixture))
        .filter((f) => f.endsWith(".ts"))
        .filter((f) => !/^\s*(import|export)\b/m.test(readFileSync(join(goldens, fixture, f), "utf8")));
      expect(scripts).toEqual([]);
    });
  }
});
