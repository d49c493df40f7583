import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { benchRoot } from "../paths.js";

const require = createRequire(join(benchRoot, "package.json"));

/** Directory of an installed package as resolved from apps/bench. */
export function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** The version field of an installed package, or "not installed". */
export function installedVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(packageDir(name), "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "not installed";
  }
}

/** Absolute path of a package's `bin` entry, run with `node` directly so GNU time sees node's RSS. */
export function binPath(name: string, bin: string): string {
  const manifest = JSON.parse(readFileSync(join(packageDir(name), "package.json"), "utf8")) as { bin: string | Record<string, string> };
  const rel = typeof manifest.bin === "string" ? manifest.bin : manifest.bin[bin];
  if (!rel) throw new Error(`${name} has no bin ${bin}`);
  return join(packageDir(name), rel);
}
