import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { generateFiles, resolveConfig } from "@bcts/codegen";
import type { BenchDocument } from "../bench-document.js";
import { workRoot } from "../paths.js";

/** The value options a route is generated with; each gets its own registry (and codec). */
export type ValueVariant = "dates" | "datesDecimals";

export const variantOptions: Readonly<Record<ValueVariant, { readonly dates: "Date"; readonly decimal?: "string" }>> = {
  dates: { dates: "Date" },
  datesDecimals: { dates: "Date", decimal: "string" },
};

/**
 * Generates the API v2.0 route with each variant's value options through @bcts/codegen's public
 * `generateFiles` and writes only its `registry.ts` (the `createValueCodec({ mapping, conversions })`
 * call the codegen emits) to `.work/values/<variant>/`. Returns the file per variant; the timing
 * child imports it, so the codec measured is exactly the one a generated client carries.
 */
export function writeRouteCodecs(doc: BenchDocument): Record<ValueVariant, string> {
  const xml = readFileSync(doc.file, "utf8");
  const out = {} as Record<ValueVariant, string>;
  for (const [variant, options] of Object.entries(variantOptions) as [ValueVariant, (typeof variantOptions)[ValueVariant]][]) {
    const dir = join(workRoot, "values", variant);
    const [route] = resolveConfig({ routes: [{ name: "api-v2.0", kind: "api", path: "api/v2.0", source: { kind: "file", path: doc.file }, outDir: dir, ...options }] }, dir);
    const registry = generateFiles(xml, basename(doc.file), route!).files.get("registry.ts");
    if (registry === undefined || !registry.includes("createValueCodec(")) throw new Error(`the ${variant} route's registry.ts has no value codec`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "registry.ts"), registry);
    out[variant] = join(dir, "registry.ts");
  }
  return out;
}
