import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { RouteConfig, ResolvedRoute } from "./config/config-types.js";
import { resolveConfig } from "./config/resolve-config.js";
import { diffMetadata } from "./diff/diff-metadata.js";
import { fetchMetadata } from "./fetch/fetch-metadata.js";
import { sha256 } from "./print/banner.js";
import { modelRoute } from "./generate-files.js";
import { printFiles, type PrintedFiles } from "./print/print-files.js";
import { startPrintWorker, type PrintWorker } from "./print/print-in-worker.js";
import { stageOutput, staleFiles, writeOutput, type StagedOutput } from "./print/write-output.js";
import { saveCodeCache } from "./code-cached-require.js";
import type { GenerationTimings, PipelineTimings } from "./generation-timings.js";
import { takeTsMorphLoad, type TsMorphLoad } from "./ts-morph.js";

export interface GenerateOptions {
  readonly routes: readonly RouteConfig[];
  /** Base for relative paths (default: process.cwd()). */
  readonly cwd?: string;
  /** Compare instead of write: report stale files, touch nothing. */
  readonly check?: boolean;
  /** Read each route's snapshot instead of its URL source (CI, no network). */
  readonly offline?: boolean;
  readonly abortSignal?: AbortSignal;
}

export interface RouteResult {
  readonly name: string;
  readonly outDir: string;
  readonly fileCount: number;
  /** With `check`: files that differ from what would be generated (empty = up to date). */
  readonly stale: readonly string[];
  readonly notes: readonly string[];
  /** Where the fetched document was pinned, for URL sources. */
  readonly snapshot: string | undefined;
  /** The changeset written because the document changed (route option `changeset`). */
  readonly changeset: { readonly path: string; readonly bump: "major" | "minor" } | undefined;
  /** Milliseconds per stage (`bcts generate --timings` prints them). */
  readonly timings: GenerationTimings;
}

/**
 * Generates every configured route: read or fetch `$metadata` (pinning a snapshot), run the
 * pipeline, then replace each output folder atomically (or, with `check`, only compare).
 *
 * @example
 * await generate({ routes: [{ name: "api-v2.0", kind: "api", path: "api/v2.0",
 *   source: { kind: "file", path: "metadata/api-v2.0.xml" }, outDir: "src/generated/api-v2.0" }] });
 */
export async function generate(options: GenerateOptions): Promise<readonly RouteResult[]> {
  const routes = resolveConfig({ routes: options.routes }, options.cwd ?? process.cwd());
  // First thing: the worker loads ts-morph while this thread reads, parses, models and emits.
  const worker = startPrintWorker();
  try {
    return await generateRoutes(routes, options, worker);
  } finally {
    worker?.close(); // also when a document failed to parse: no thread outlives the call
  }
}

async function generateRoutes(routes: readonly ResolvedRoute[], options: GenerateOptions, worker: PrintWorker | undefined): Promise<RouteResult[]> {
  // On this thread ts-morph loads only if a file still has a structure to print (print-files.ts).
  let mainLoad = takeTsMorphLoad();
  // Every route is generated before anything is written: one bad document leaves all output untouched.
  // With the worker, each file is written to its route's private staging folder as it is printed.
  const staged: StagedOutput[] = [];
  try {
    const emitted = [];
    for (const route of routes) {
      const started = performance.now();
      const input = await readInput(route, options);
      const readMs = performance.now() - started;
      const { files, bannerLine, notes, timings } = modelRoute(input.xml, input.sourceName, route);
      const output = options.check ? undefined : await stageOutput(route.outDir);
      if (output) staged.push(output);
      if (worker === undefined) {
        const emitStarted = performance.now();
        const all = [...files()];
        const emitMs = performance.now() - emitStarted;
        // The files are created on libuv's thread pool while this thread prints (write-output.ts), on
        // another core when one is free. Not with the worker, which needs that core: there this thread
        // writes while it waits for the texts anyway.
        const prepareStarted = performance.now();
        for (const file of all) output?.prepare(file.fileName);
        const prepareMs = performance.now() - prepareStarted;
        const printStarted = performance.now();
        const printed = printFiles(all, bannerLine);
        const loadedNow = takeTsMorphLoad(); // when printing needed ts-morph: its own stage, not printing
        mainLoad ??= loadedNow;
        const printMs = performance.now() - printStarted - (loadedNow?.ms ?? 0);
        const writeStarted = performance.now();
        for (const [name, text] of printed) output?.write(name, text);
        const writes = { ms: prepareMs + performance.now() - writeStarted };
        emitted.push({ route, input, readMs, notes, timings: { ...timings, emitMs }, printing: Promise.resolve(printed), output, printMs, writes });
        continue;
      }
      const writes = { ms: 0 };
      // On the worker, this route prints while the rest of it is emitted and the next one read here.
      const { emitMs, printed } = worker.printRoute(files(), bannerLine, route.name, (name, text) => {
        if (output === undefined) return;
        const writeStarted = performance.now();
        output.write(name, text);
        writes.ms += performance.now() - writeStarted;
      });
      printed.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
      emitted.push({ route, input, readMs, notes, timings: { ...timings, emitMs }, printing: printed, output, printMs: undefined, writes });
    }
    const generated = [];
    for (const { printing, printMs, writes, ...rest } of emitted) {
      // Worker: how long this thread waited for the texts, less the writing it did meanwhile.
      const waitStarted = performance.now();
      const writtenBefore = writes.ms;
      const files = await printing;
      generated.push({ ...rest, files, writes, printMs: printMs ?? performance.now() - waitStarted - (writes.ms - writtenBefore) });
    }
    return await finishRoutes(generated, options, worker, mainLoad);
  } finally {
    worker?.close(); // before discarding: no text arrives for a folder that is gone
    for (const output of staged) await output.discard();
  }
}

async function finishRoutes(
  generated: ReadonlyArray<{ route: ResolvedRoute; input: Input; readMs: number; files: PrintedFiles; notes: readonly string[]; timings: Omit<PipelineTimings, "printMs">; printMs: number; output: StagedOutput | undefined; writes: { ms: number } }>,
  options: GenerateOptions, worker: PrintWorker | undefined, mainLoad: TsMorphLoad | undefined,
): Promise<RouteResult[]> {
  const workerLoad = await worker?.load();
  const load = workerLoad ?? mainLoad ?? takeTsMorphLoad();
  const printThread = workerLoad ? "worker" : "main";
  const results: RouteResult[] = [];
  for (const { route, input, readMs, files, notes, timings, printMs, output, writes } of generated) {
    const started = performance.now();
    const stale = options.check ? await staleFiles(route.outDir, files) : [];
    let changeset: RouteResult["changeset"];
    let snapshot = input.snapshot;
    if (!options.check) {
      if (route.changeset !== null) {
        changeset = await writeChangeset(route, input.xml);
        snapshot = route.snapshotPath;
      }
      if (snapshot !== undefined && snapshot !== sourcePath(route)) await pin(snapshot, input.xml);
      if (output) await output.commit();
      else await writeOutput(route.outDir, files);
    }
    const first = results.length === 0;
    results.push({
      name: route.name, outDir: route.outDir, fileCount: files.size, stale, notes, snapshot, changeset,
      timings: { tsMorphLoadMs: first ? load?.ms ?? 0 : 0, codeCache: first ? load?.codeCache : undefined, printThread, readMs, ...timings, printMs, writeMs: writes.ms + performance.now() - started, codeCacheSaveMs: 0 },
    });
  }
  // After generating, so that the cache also holds the functions V8 compiled lazily while doing it.
  const started = performance.now();
  const saved = saveCodeCache() + (await worker?.saveCodeCache() ?? 0);
  if (saved > 0 && results[0]) results[0] = { ...results[0], timings: { ...results[0].timings, codeCacheSaveMs: performance.now() - started } };
  return results;
}

interface Input {
  readonly xml: string;
  readonly sourceName: string;
  readonly snapshot: string | undefined;
}

async function readInput(route: ResolvedRoute, options: GenerateOptions): Promise<Input> {
  const { source } = route;
  switch (source.kind) {
    case "file":
      return { xml: await readFile(source.path, "utf8"), sourceName: basename(source.path), snapshot: undefined };
    case "url": {
      // The banner names the snapshot, so output from the live service and from its snapshot is identical.
      const sourceName = basename(route.snapshotPath);
      if (options.offline) return { xml: await readFile(route.snapshotPath, "utf8"), sourceName, snapshot: undefined };
      const xml = await fetchMetadata(`${source.url}`, { credential: source.credential, ...(source.fetch ? { fetch: source.fetch } : {}), ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}) });
      return { xml, sourceName, snapshot: route.snapshotPath };
    }
    default: {
      const unreachable: never = source;
      return unreachable;
    }
  }
}

function sourcePath(route: ResolvedRoute): string | undefined {
  return route.source.kind === "file" ? route.source.path : undefined;
}

/** Diffs the new document against the pinned snapshot and writes `<dir>/bcts-<route>-<hash>.md` when the API changed. */
async function writeChangeset(route: ResolvedRoute, xml: string): Promise<RouteResult["changeset"]> {
  const { changeset } = route;
  if (changeset === null || route.snapshotPath === sourcePath(route)) return undefined;
  const previous = await readFile(route.snapshotPath, "utf8").catch(() => undefined);
  if (previous === undefined || previous === xml) return undefined;
  const diff = diffMetadata(previous, xml, { kind: route.kind, maxBytes: route.maxBytes });
  if (diff.bump === "none") return undefined;
  const path = join(changeset.dir, `bcts-${route.name.replace(/[^A-Za-z0-9-]/g, "-")}-${sha256(xml).slice(0, 8)}.md`);
  const body = `---\n${JSON.stringify(changeset.packageName)}: ${diff.bump}\n---\n\nBusiness Central \`${route.path}\` metadata changed (${route.name}).\n\n${diff.summary}\n`;
  await mkdir(changeset.dir, { recursive: true });
  await writeFile(path, body, "utf8");
  return { path, bump: diff.bump };
}

async function pin(path: string, xml: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, xml, "utf8");
  await rename(temp, path);
}
