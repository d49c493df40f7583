import type { GenerationTimings } from "@bcts/codegen";
import { median } from "../process/median.js";

/** Where one run of the bcts generation child spent its wall time, in ms (its JSON line + the parent's wall clock). */
/** The stage durations codegen reports itself (`generate()`'s `timings`). */
type CodegenStages = Pick<GenerationTimings, "tsMorphLoadMs" | "readMs" | "parseMs" | "modelMs" | "emitMs" | "printMs" | "writeMs" | "codeCacheSaveMs">;

export interface StageSample extends CodegenStages {
  /** the child's wall time as the parent measured it (spawn to exit) */
  readonly wallMs: number;
  /** node's start-up until the child's first line ran (`performance.now()` there) */
  readonly processStartMs: number;
  /** `import("@bcts/codegen")` (its dist/ and fast-xml-parser; ts-morph is loaded on first use) */
  readonly importMs: number;
  /** the rest: spawning the process, waiting for the event loop to drain, exiting (wall − child's last timestamp) */
  readonly exitMs: number;
  /** how V8's code cache served the ts-morph load ("warm", "cold", "off", …), null if not reported */
  readonly codeCache: string | null;
  /** where codegen printed: "worker" (ts-morph loads there while the main thread parses, models, emits) or "main"; null if not reported */
  readonly printThread: string | null;
}

/** The stage fields, in pipeline order, as the report shows them. */
export const STAGES = [
  ["processStartMs", "process start (node boots until the entry runs)"],
  ["importMs", "import @bcts/codegen (without ts-morph)"],
  ["tsMorphLoadMs", "ts-morph load (and its bundled TypeScript; on the print worker it overlaps read to emit)"],
  ["readMs", "read the document"],
  ["parseMs", "parse (XML → CSDL)"],
  ["modelMs", "model"],
  ["emitMs", "emit (structures; with the worker, also handing them over)"],
  ["printMs", "print (structures → text; with the worker, the main thread's wait for it)"],
  ["writeMs", "write the output folder"],
  ["codeCacheSaveMs", "save the code cache"],
  ["exitMs", "spawn and exit (wall − the child's last timestamp)"],
] as const satisfies readonly (readonly [keyof StageSample, string])[];

export type StageMedians = Omit<StageSample, "codeCache" | "printThread"> & { readonly runs: number; readonly codeCache: string | null; readonly printThread: string | null };

/** Reads the child's JSON line (`bcts-generate-child.ts`); null when it has no stage timings. */
export function parseStageLine(stdout: string, wallMs: number): StageSample | null {
  const line = stdout.trim().split("\n").filter((l) => l.startsWith("{")).at(-1);
  if (line === undefined) return null;
  let json: { processStartMs?: unknown; importMs?: unknown; endMs?: unknown; timings?: Record<string, unknown> | null };
  try {
    json = JSON.parse(line) as typeof json;
  } catch {
    return null;
  }
  const t = json.timings;
  const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
  const processStartMs = num(json.processStartMs);
  const importMs = num(json.importMs);
  const endMs = num(json.endMs);
  if (!t || processStartMs === null || importMs === null || endMs === null) return null;
  const stage = (key: string): number => num(t[key]) ?? 0;
  return {
    wallMs,
    processStartMs,
    importMs,
    tsMorphLoadMs: stage("tsMorphLoadMs"),
    readMs: stage("readMs"),
    parseMs: stage("parseMs"),
    modelMs: stage("modelMs"),
    emitMs: stage("emitMs"),
    printMs: stage("printMs"),
    writeMs: stage("writeMs"),
    codeCacheSaveMs: stage("codeCacheSaveMs"),
    exitMs: Math.max(0, wallMs - endMs),
    codeCache: typeof t["codeCache"] === "string" ? t["codeCache"] : null,
    printThread: typeof t["printThread"] === "string" ? t["printThread"] : null,
  };
}

/** The median of every stage over the samples (each stage on its own, so the rows need not add up exactly). */
export function medianStages(samples: readonly StageSample[]): StageMedians {
  const pick = (key: keyof Omit<StageSample, "codeCache" | "printThread">): number => median(samples.map((s) => s[key]));
  const caches = [...new Set(samples.map((s) => s.codeCache ?? "?"))];
  const threads = [...new Set(samples.map((s) => s.printThread ?? "?"))];
  return {
    runs: samples.length,
    wallMs: pick("wallMs"),
    processStartMs: pick("processStartMs"),
    importMs: pick("importMs"),
    tsMorphLoadMs: pick("tsMorphLoadMs"),
    readMs: pick("readMs"),
    parseMs: pick("parseMs"),
    modelMs: pick("modelMs"),
    emitMs: pick("emitMs"),
    printMs: pick("printMs"),
    writeMs: pick("writeMs"),
    codeCacheSaveMs: pick("codeCacheSaveMs"),
    exitMs: pick("exitMs"),
    codeCache: caches.join("/"),
    printThread: threads.join("/"),
  };
}
