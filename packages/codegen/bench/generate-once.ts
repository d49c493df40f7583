// Child process of generate-bench.ts: generates one fixture twice in process (cold, then warm) and
// prints JSON timings and the peak RSS. Not a test.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { resolveConfig } from "../src/config/resolve-config.js";
import { generateFiles } from "../src/generate-files.js";
import { writeOutput } from "../src/print/write-output.js";

const [file, outDir, kind] = process.argv.slice(2) as [string, string, "api" | "odatav4"];
const [route] = resolveConfig({ routes: [{ name: kind === "api" ? "api-v2.0" : "ODataV4", kind, path: kind === "api" ? "api/v2.0" : "ODataV4", source: { kind: "file", path: file }, outDir }] }, process.cwd());
const xml = readFileSync(file, "utf8");
let started = performance.now();
const { files } = generateFiles(xml, basename(file), route!);
const coldMs = performance.now() - started;
started = performance.now();
generateFiles(xml, basename(file), route!);
const warmMs = performance.now() - started;
await writeOutput(outDir, files);
console.log(JSON.stringify({ coldMs, warmMs, files: files.size, bytes: [...files.values()].reduce((n, t) => n + t.length, 0), maxRssMb: process.resourceUsage().maxRSS / 1024 }));
