// Bundle size of a program doing one typed query (bundle-entry.ts), minified + gzip (goal ≤ 12 kB).
// Run: node --conditions=@bcts/source --import tsx packages/odata/bench/bundle-size.ts
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { printTable } from "./bench-server.js";

// esbuild is not a dependency of ours; take the copy tsx ships with.
const requireFromTsx = createRequire(createRequire(import.meta.url).resolve("tsx/package.json"));
const esbuild = requireFromTsx("esbuild") as typeof import("esbuild");

const entry = fileURLToPath(new URL("./bundle-entry.ts", import.meta.url));
async function size(external: string[], splitting: boolean) {
  const result = await esbuild.build({
    entryPoints: [entry], bundle: true, minify: true, format: "esm", platform: "browser", target: "es2022",
    write: false, external, metafile: true, conditions: ["@bcts/source"], splitting, outdir: "/tmp/bcts-bundle",
  });
  // What the program loads before it first calls batch(): the entry chunk and the chunks it imports
  // statically (shared code lands in those); the dynamic batch chunk is left out.
  const outputs = result.metafile.outputs;
  const byPath = new Map(result.outputFiles.map((f) => [f.path.replace(/^.*\/tmp\/bcts-bundle\//, ""), f.contents]));
  const loaded = new Set<string>();
  const visit = (key: string) => {
    if (loaded.has(key)) return;
    loaded.add(key);
    for (const imp of outputs[key]!.imports) if (imp.kind === "import-statement" && !imp.external) visit(imp.path);
  };
  visit(Object.keys(outputs).find((k) => k.endsWith("bundle-entry.js"))!);
  const parts = [...loaded].map((k) => byPath.get(k.replace(/^.*\/tmp\/bcts-bundle\//, "").replace(/^.*bcts-bundle\//, ""))!);
  const code = Buffer.concat(parts.map((p) => Buffer.from(p)));
  const inputs = [...loaded].flatMap((k) => Object.entries(outputs[k]!.inputs))
    .map(([file, info]) => ({ file: file.replace(/^.*?packages\/odata\//, "").replace(/^.*node_modules\//, ""), bytes: info.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
  return { min: code.length, gz: gzipSync(code, { level: 9 }).length, inputs };
}

const all = await size([], true);
const single = await size([], false);
const ours = await size(["openapi-fetch"], true);
printTable([
  { bundle: "one typed query, incl. openapi-fetch (code splitting on, as Vite/Rollup/webpack do)", "minified B": all.min, "min+gzip B": all.gz, goal: "≤ 12288", met: all.gz <= 12288 ? "yes" : "NO" },
  { bundle: "same, one file without splitting (batch inlined)", "minified B": single.min, "min+gzip B": single.gz, goal: "≤ 12288", met: single.gz <= 12288 ? "yes" : "NO" },
  { bundle: "same as first, @bcts/odata part only", "minified B": ours.min, "min+gzip B": ours.gz, goal: "", met: "" },
]);
console.log("\nLargest inputs (minified bytes in output):");
printTable(all.inputs.slice(0, 12).map((i) => ({ input: i.file, bytes: i.bytes })));
