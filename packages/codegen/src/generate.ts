import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { RouteConfig, ResolvedRoute } from "./config/config-types.js";
import { resolveConfig } from "./config/resolve-config.js";
import { diffMetadata } from "./diff/diff-metadata.js";
import { fetchMetadata } from "./fetch/fetch-metadata.js";
import { sha256 } from "./print/banner.js";
import { generateFiles } from "./generate-files.js";
import { staleFiles, writeOutput } from "./print/write-output.js";
import { saveCodeCache } from "./code-cached-require.js";
import type { GenerationTimings } from "./generation-timings.js";
import { loadTsMorph, takeTsMorphLoad } from "./ts-morph.js";

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
  loadTsMorph();
  const load = takeTsMorphLoad();
  // Every route is generated before anything is written: one bad document leaves all output untouched.
  const generated = [];
  for (const route of routes) {
    const started = performance.now();
    const input = await readInput(route, options);
    const readMs = performance.now() - started;
    generated.push({ route, input, readMs, ...generateFiles(input.xml, input.sourceName, route) });
  }
  const results: RouteResult[] = [];
  for (const { route, input, readMs, files, notes, timings } of generated) {
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
      await writeOutput(route.outDir, files);
    }
    const first = results.length === 0;
    results.push({
      name: route.name, outDir: route.outDir, fileCount: files.size, stale, notes, snapshot, changeset,
      timings: { tsMorphLoadMs: first ? load?.ms ?? 0 : 0, codeCache: first ? load?.codeCache : undefined, readMs, ...timings, writeMs: performance.now() - started, codeCacheSaveMs: 0 },
    });
  }
  // After generating, so that the cache also holds the functions V8 compiled lazily while doing it.
  const started = performance.now();
  if (saveCodeCache() > 0 && results[0]) results[0] = { ...results[0], timings: { ...results[0].timings, codeCacheSaveMs: performance.now() - started } };
  return results;
}

async function readInput(route: ResolvedRoute, options: GenerateOptions): Promise<{ xml: string; sourceName: string; snapshot: string | undefined }> {
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
