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
// Wall time and CPU time: on a shared machine the CPU time is the stable figure.
let started = performance.now();
let cpu = process.cpuUsage();
const { files } = generateFiles(xml, basename(file), route!);
const coldMs = performance.now() - started;
const coldCpuMs = process.cpuUsage(cpu).user / 1000;
started = performance.now();
cpu = process.cpuUsage();
generateFiles(xml, basename(file), route!);
const warmMs = performance.now() - started;
const warmCpuMs = process.cpuUsage(cpu).user / 1000;
await writeOutput(outDir, files);
console.log(JSON.stringify({ coldMs, warmMs, coldCpuMs, warmCpuMs, files: files.size, bytes: [...files.values()].reduce((n, t) => n + t.length, 0), maxRssMb: process.resourceUsage().maxRSS / 1024 }));
