import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { measured, notMeasured, type Measured } from "../measured.js";
import { benchRoot } from "../paths.js";

export interface BundleResult {
  readonly minifiedBytes: number;
  readonly gzipBytes: number;
  /** the largest inputs (bytes in the output), for the report */
  readonly largestInputs: readonly { readonly path: string; readonly bytes: number }[];
}

/** esbuild bundle of consumers/<tool>/main.ts (platform node, ESM, minified), then gzip -9. */
export async function bundleConsumer(tool: string): Promise<Measured<BundleResult>> {
  try {
    const result = await build({
      entryPoints: [join(benchRoot, "consumers", tool, "main.ts")],
      bundle: true,
      minify: true,
      platform: "node",
      format: "esm",
      target: "node20",
      conditions: ["@bcts/source"],
      write: false,
      metafile: true,
      logLevel: "silent",
      outfile: join(benchRoot, ".work", "bundle", `${tool}.mjs`),
    });
    const code = result.outputFiles[0]!.contents;
    const output = Object.values(result.metafile.outputs)[0]!;
    const largestInputs = Object.entries(output.inputs)
      .map(([path, v]) => ({ path: packageOf(path), bytes: v.bytesInOutput }))
      .reduce((acc, x) => acc.set(x.path, (acc.get(x.path) ?? 0) + x.bytes), new Map<string, number>());
    return measured({
      minifiedBytes: code.byteLength,
      gzipBytes: gzipSync(code, { level: 9 }).byteLength,
      largestInputs: [...largestInputs].map(([path, bytes]) => ({ path, bytes })).sort((a, b) => b.bytes - a.bytes).slice(0, 5),
    });
  } catch (error) {
    return notMeasured(`esbuild failed: ${(error as Error).message.split("\n").slice(0, 2).join(" ").slice(0, 200)}`);
  }
}

/** node_modules/.pnpm/x/node_modules/@scope/name/… → @scope/name; other paths are grouped by folder. */
function packageOf(path: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(path);
  if (m?.[1]) return m[1];
  if (path.includes(".work/gen/")) return "generated code";
  if (path.includes("packages/")) return `@bcts/${/packages\/([^/]+)/.exec(path)?.[1] ?? "?"}`;
  return "consumer program";
}
