import { isAscii } from "node:buffer";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { basename, dirname, join, sep } from "node:path";
import { Script } from "node:vm";

/**
 * How V8's code cache served a `codeCachedRequire`: `warm` (every file compiled from the cache),
 * `cold` (no cache yet; `saveCodeCache()` writes it), `rejected` (V8 refused a cache, e.g. other
 * flags; rewritten on save), `off` (`BCTS_CODE_CACHE=off`), `unavailable` (plain `require` was used,
 * or the modules were already loaded).
 */
export type CodeCacheStatus = "warm" | "cold" | "rejected" | "off" | "unavailable";

// Why this file exists (measured on Node 20, 2-core VM, `require("ts-morph")` in a fresh process):
// ts-morph loads @ts-morph/common, which loads its bundled 9 MB typescript.js. Plain require took
// 240–310 ms, most of it V8 compiling the three files (typescript.js alone 150 ms). Compiled from a
// V8 code cache the same load took 112–124 ms: typescript.js 41 ms, ts-morph-common.js 23 ms,
// ts-morph.js 8 ms. Node 20 has no `module.enableCompileCache()` (Node 22.1+), so this does the same
// with public APIs only: `vm.Script` with `cachedData`, and the result put into `require.cache`
// (documented as writable) before ts-morph is required, so its own `require()` calls find them.
// Anything unexpected (a file that does not resolve, an error while loading) falls back to plain
// `require`; a cache V8 refuses (made with other V8 flags, corrupt) only costs the compile and is
// rewritten. The cache is keyed by file path, size, mtime and Node/V8 version, and written after
// generation (`saveCodeCache`) so the functions compiled lazily while generating are in it.

interface Pending {
  readonly script: Script;
  readonly cacheFile: string;
}

const pending: Pending[] = [];
const WRAPPER_HEAD = "(function (exports, require, module, __filename, __dirname) { ";
const WRAPPER_TAIL = "\n});";

/**
 * `require(chain[0])`, where `chain[i + 1]` is what `chain[i]` requires (resolved from it), compiled
 * bottom-up with V8's code cache. `BCTS_CODE_CACHE=off` (or `0`, `false`) uses plain `require`.
 *
 * @example
 * const { exports } = codeCachedRequire(createRequire(import.meta.url), ["ts-morph", "@ts-morph/common", "./typescript"]);
 */
export function codeCachedRequire(from: NodeRequire, chain: readonly string[]): { readonly exports: unknown; readonly codeCache: CodeCacheStatus } {
  if (/^(?:off|0|false|no)$/i.test(process.env["BCTS_CODE_CACHE"] ?? "")) return { exports: from(chain[0]!), codeCache: "off" };
  let status: CodeCacheStatus = "warm";
  try {
    const files: string[] = [];
    let resolveFrom = from;
    for (const specifier of chain) {
      const file = resolveFrom.resolve(specifier);
      files.push(file);
      resolveFrom = createRequire(file);
    }
    let compiled = 0;
    for (const file of files.reverse()) {
      if (from.cache[file] !== undefined) continue;
      const loaded = load(file, from.cache);
      compiled++;
      if (loaded === "rejected" || (loaded === "cold" && status === "warm")) status = loaded;
    }
    // already loaded (plainly) by someone else in this process
    if (compiled === 0) status = "unavailable";
  } catch {
    // Whatever was placed into require.cache is a complete module; the rest loads the plain way.
    status = "unavailable";
  }
  return { exports: from(chain[0]!), codeCache: status };
}

function load(file: string, cache: NodeRequire["cache"]): "warm" | "cold" | "rejected" {
  const real = realpathSync(file);
  const source = readSource(real);
  const cacheFile = cacheFileOf(real);
  let cachedData: Buffer | undefined;
  try {
    cachedData = cacheFile === undefined ? undefined : readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(`${WRAPPER_HEAD}${source}${WRAPPER_TAIL}`, { filename: real, ...(cachedData ? { cachedData } : {}) });
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: Module, filename: string, dirname: string) => void;
  const module = new Module(real);
  module.filename = real;
  wrapper.call(module.exports, module.exports, createRequire(real), module, real, dirname(real));
  module.loaded = true;
  // Both the path Node resolved and its real path, as require() looks up either.
  cache[real] = module;
  cache[file] = module;
  const result = cachedData === undefined ? "cold" : script.cachedDataRejected === true ? "rejected" : "warm";
  if (result !== "warm" && cacheFile !== undefined) pending.push({ script, cacheFile });
  return result;
}

/**
 * The file's text. An ASCII file (typescript.js, ts-morph.js) is decoded as Latin-1, which gives the
 * same string: on Node 20 (2-core VM) `readFileSync(typescript.js, "utf8")` took 57-148 ms for its
 * 9 MB, reading the bytes and decoding them as Latin-1 2-15 ms.
 */
function readSource(file: string): string {
  const bytes = readFileSync(file);
  return bytes.toString(isAscii(bytes) ? "latin1" : "utf8");
}

/**
 * Writes the code caches that were missing or rejected (atomically, errors ignored: a read-only
 * install simply runs without); returns how many were written. Called after generation, so the
 * cache holds what generating compiled.
 */
export function saveCodeCache(): number {
  let written = 0;
  for (const { script, cacheFile } of pending.splice(0)) {
    try {
      const dir = dirname(cacheFile);
      mkdirSync(dir, { recursive: true });
      const temp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temp, script.createCachedData());
      renameSync(temp, cacheFile);
      written++;
      const prefix = basename(cacheFile).replace(/[^-]+\.v8cache$/, "");
      for (const old of readdirSync(dir)) if (old.startsWith(prefix) && old !== basename(cacheFile) && !old.endsWith(".tmp")) rmSync(join(dir, old), { force: true });
    } catch {
      // no cache this time
    }
  }
  return written;
}

/**
 * `<top node_modules>/.cache/bcts/<file>-<key>.v8cache`: next to the installed code it was made
 * from (whoever can write there can already change that code), never a shared temp folder.
 */
function cacheFileOf(real: string): string | undefined {
  const at = real.indexOf(`${sep}node_modules${sep}`);
  if (at < 0) return undefined;
  const { size, mtimeMs } = statSync(real);
  const hash = (value: unknown): string => createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 12);
  // <name>-<path>-<version>: saving removes the other versions of the same path (see saveCodeCache)
  const name = `${basename(real).replace(/[^A-Za-z0-9.]/g, "_")}-${hash(real)}-${hash([size, mtimeMs, process.version, process.versions.v8, process.arch])}.v8cache`;
  return join(real.slice(0, at), "node_modules", ".cache", "bcts", name);
}
