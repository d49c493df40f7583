import { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";
import { codeCachedRequire, type CodeCacheStatus } from "./code-cached-require.js";

// ts-morph is CommonJS. Importing it from ESM makes Node scan its (and the bundled TypeScript's)
// 10 MB of JavaScript for named exports before running it: measured ~100 ms of every
// `bcts generate`. require() skips that scan. Every runtime use of ts-morph goes through here.
//
// It is loaded on first use (`loadTsMorph()`), not on import: `bcts diff`, `bcts doctor` and a
// config file importing `defineConfig` never pay its ~0.25 s, and `generate()` can time the load.
// The bindings below are ESM live bindings, filled in by the load; every module that reads them at
// run time calls `loadTsMorph()` first (it is idempotent and costs nothing once loaded).
export let IndentationText = undefined as unknown as typeof TsMorph.IndentationText;
export let NewLineKind = undefined as unknown as typeof TsMorph.NewLineKind;
export let Project = undefined as unknown as typeof TsMorph.Project;
export let QuoteKind = undefined as unknown as typeof TsMorph.QuoteKind;
export let StructureKind = undefined as unknown as typeof TsMorph.StructureKind;
export let ts = undefined as unknown as typeof TsMorph.ts;
export type Project = TsMorph.Project;
export type StructureKind = TsMorph.StructureKind;

/** How the one load of ts-morph in this process went. */
export interface TsMorphLoad {
  /** Wall time of the load in ms. */
  readonly ms: number;
  /** Whether V8's code cache served the compiled code (`code-cached-require.ts`). */
  readonly codeCache: CodeCacheStatus;
}

let loaded: TsMorphLoad | undefined;
let reported = false;

/** Loads ts-morph once per process (later calls return at once). */
export function loadTsMorph(): void {
  if (loaded !== undefined) return;
  const started = performance.now();
  const { exports, codeCache } = codeCachedRequire(createRequire(import.meta.url), ["ts-morph", "@ts-morph/common", "./typescript"]);
  const tsMorph = exports as typeof TsMorph;
  ({ IndentationText, NewLineKind, Project, QuoteKind, StructureKind, ts } = tsMorph);
  loaded = { ms: performance.now() - started, codeCache };
}

/** The load, the first time it is asked for (wherever it happened: a config file may have caused it). */
export function takeTsMorphLoad(): TsMorphLoad | undefined {
  if (loaded === undefined || reported) return undefined;
  reported = true;
  return loaded;
}

/** Whether this thread has loaded ts-morph (a TypeScript config file makes the CLI load it early). */
export function isTsMorphLoaded(): boolean {
  return loaded !== undefined;
}
