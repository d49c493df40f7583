// Child process entry for timing bcts generation: the documented programmatic API
// `generate({ routes: [...] })` of @bcts/codegen on a local metadata file.
// Bundled by the bench with @bcts/codegen resolved to its built dist/, and run with plain `node`
// as a published @bcts/codegen runs, so tsx's on-the-fly transpilation is not timed.
// Prints one JSON line: file and note counts, and where the time went (`performance.now()` counts
// from the start of the process): `processStartMs` until this file ran, `importMs` loading
// @bcts/codegen, then the route's own stage timings (`RouteResult.timings`).
const processStartMs = performance.now();
const { generate } = await import("@bcts/codegen");
const importMs = performance.now() - processStartMs;

const [file, outDir, kind, path, name] = process.argv.slice(2);
if (!file || !outDir || (kind !== "api" && kind !== "odatav4") || !path || !name) {
  console.error("usage: bcts-generate-child <metadata.xml> <outDir> <api|odatav4> <route path> <route name>");
  process.exit(2);
}
const [result] = await generate({ routes: [{ name, kind, path, source: { kind: "file", path: file }, outDir }] });
console.log(JSON.stringify({ files: result?.fileCount ?? null, notes: result?.notes.length ?? 0, processStartMs, importMs, endMs: performance.now(), timings: result?.timings ?? null }));
