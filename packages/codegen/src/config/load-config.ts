import { readFile, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { ts } from "../ts-morph.js";
import { ConfigError } from "./config-error.js";

/**
 * Loads `bcts.config.ts` (or .mts/.js/.mjs) and returns its default export, unvalidated.
 * TypeScript configs are transpiled with the TypeScript compiler next to the original, so their
 * imports resolve from the user's own node_modules, then removed.
 */
let loads = 0;

export async function loadConfig(path: string): Promise<unknown> {
  const source = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError("--config", "a readable config file", `${path} (${error.code ?? error.message})`, "bcts generate --config bcts.config.ts");
  });
  let modulePath = path;
  let temp: string | undefined;
  if (/\.(m?ts|cts)$/.test(path)) {
    const output = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
      fileName: path,
    }).outputText;
    // A fresh name per load: ESM caches modules by URL, and a long-running process may load twice.
    temp = join(dirname(path), `.${basename(path)}.${process.pid}-${++loads}.mjs`);
    await writeFile(temp, output, "utf8");
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
