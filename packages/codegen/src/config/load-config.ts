import { existsSync, readFileSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { loadTsMorph, ts } from "../ts-morph.js";
import { ConfigError } from "./config-error.js";

/**
 * Loads `bcts.config.ts` (or .mts/.js/.mjs) and returns its default export, unvalidated.
 * TypeScript configs are transpiled with the TypeScript compiler next to the original, so their
 * imports resolve from the user's own node_modules, then removed. An `@bcts/*` import the config's
 * folder cannot resolve (a config outside the project: `bcts generate --config ../shared/bcts.config.ts`)
 * is taken from where this CLI is installed instead.
 */
let loads = 0;

export async function loadConfig(path: string): Promise<unknown> {
  const source = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError("--config", "a readable config file", `${path} (${error.code ?? error.message})`, "bcts generate --config bcts.config.ts");
  });
  let modulePath = path;
  let temp: string | undefined;
  if (/\.(m?ts|cts)$/.test(path)) {
    loadTsMorph();
    const output = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
      fileName: path,
    }).outputText;
    // A fresh name per load: ESM caches modules by URL, and a long-running process may load twice.
    temp = join(dirname(path), `.${basename(path)}.${process.pid}-${++loads}.mjs`);
    await writeFile(temp, rebaseBctsImports(output, path), "utf8");
    modulePath = temp;
  }
  try {
    const module = (await import(`${pathToFileURL(modulePath).href}?load=${Date.now()}-${loads}`)) as { default?: unknown };
    if (module.default === undefined) throw new ConfigError(path, "a default export", "none", "export default defineConfig({ routes: [...] });");
    return module.default;
  } finally {
    if (temp) await rm(temp, { force: true });
  }
}

/**
 * `from "@bcts/codegen"` → `from "file:///…/node_modules/@bcts/codegen/dist/index.js"` when the config's
 * folder has no such package; other imports stay as written.
 */
function rebaseBctsImports(code: string, configPath: string): string {
  return code.replace(/(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])(@bcts\/[a-z0-9-]+)\2/g, (whole, lead: string, quote: string, name: string) => {
    if (installedAbove(dirname(configPath), name)) return whole;
    const entry = ownCopy(name);
    return entry === undefined ? whole : `${lead}${quote}${pathToFileURL(entry).href}${quote}`;
  });
}

/** What an ES module import looks at: `node_modules/<name>` in the folder or one above (NODE_PATH does not count). */
function installedAbove(dir: string, name: string): boolean {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, "node_modules", name, "package.json"))) return true;
    if (dirname(current) === current) return false;
  }
}

/** The entry file of the copy of `name` this CLI itself uses: its build output, or its sources in this repository. */
function ownCopy(name: string): string | undefined {
  let manifestPath: string;
  try {
    manifestPath = createRequire(import.meta.url).resolve(`${name}/package.json`);
  } catch {
    return undefined;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { exports?: { ".": Record<string, string> } };
  const root = manifest.exports?.["."] ?? {};
  // Run from this repository's TypeScript sources (tests, tsx), take the sources of the others too.
  const fromSources = import.meta.url.endsWith(".ts");
  for (const condition of fromSources ? ["@bcts/source", "default", "import"] : ["default", "import", "@bcts/source"]) {
    const target = root[condition];
    if (target !== undefined && existsSync(join(dirname(manifestPath), target))) return join(dirname(manifestPath), target);
  }
  return undefined;
}
