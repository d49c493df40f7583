import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { codeCachedRequire, saveCodeCache } from "../src/code-cached-require.js";

// A two-package chain like ts-morph → @ts-morph/common, in a temporary node_modules.
let root: string;
let from: NodeRequire;
const cacheDir = () => join(root, "node_modules", ".cache", "bcts");
const forget = () => {
  for (const key of Object.keys(from.cache)) if (key.startsWith(root)) delete from.cache[key];
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "bcts-code-cache-"));
  for (const [name, body] of [
    ["outer", `// v0\nconst inner = require("inner"); module.exports = { name: "outer", inner, greet: (n) => inner.hello(n) + "!" };`],
    ["inner", `// v0\nexports.hello = function hello(name) { return "hello " + name; }; exports.file = __filename;`],
  ]) {
    mkdirSync(join(root, "node_modules", name!), { recursive: true });
    writeFileSync(join(root, "node_modules", name!, "index.js"), body!);
    utimesSync(join(root, "node_modules", name!, "index.js"), 1_700_000_000, 1_700_000_000);
  }
  from = createRequire(join(root, "main.js"));
});
afterEach(() => {
  forget();
  delete process.env["BCTS_CODE_CACHE"];
  rmSync(root, { recursive: true, force: true });
});

it("loads cold, writes the cache on save, then loads warm with the same exports", () => {
  const cold = codeCachedRequire(from, ["outer", "inner"]);
  expect(cold.codeCache).toBe("cold");
  expect((cold.exports as { greet(n: string): string }).greet("bc")).toBe("hello bc!");
  expect((cold.exports as { inner: { file: string } }).inner.file).toMatch(/inner[\\/]index\.js$/);
  saveCodeCache();
  expect(readdirSync(cacheDir()).filter((f) => f.endsWith(".v8cache"))).toHaveLength(2);
  forget();
  const warm = codeCachedRequire(from, ["outer", "inner"]);
  expect(warm.codeCache).toBe("warm");
  expect((warm.exports as { greet(n: string): string }).greet("bc")).toBe("hello bc!");
  // the modules really are the ones in require.cache: requiring again gives the same object
  expect(from("outer")).toBe(warm.exports);
  // a second call finds them loaded and says so instead of claiming the cache
  expect(codeCachedRequire(from, ["outer", "inner"])).toEqual({ exports: warm.exports, codeCache: "unavailable" });
});

it("a corrupt cache is rejected, still loads, and is rewritten on save", () => {
  codeCachedRequire(from, ["outer", "inner"]);
  saveCodeCache();
  for (const f of readdirSync(cacheDir())) writeFileSync(join(cacheDir(), f), "not a code cache");
  forget();
  // V8 keeps compiled scripts in memory by source text: change the text (same size and mtime, so the
  // same cache file) or it would not even look at the cache.
  for (const name of ["outer", "inner"]) {
    const file = join(root, "node_modules", name, "index.js");
    writeFileSync(file, readFileSync(file, "utf8").replace("// v0", "// v1"));
    utimesSync(file, 1_700_000_000, 1_700_000_000);
  }
  const rejected = codeCachedRequire(from, ["outer", "inner"]);
  expect(rejected.codeCache).toBe("rejected");
  expect((rejected.exports as { name: string }).name).toBe("outer");
  saveCodeCache();
  forget();
  expect(codeCachedRequire(from, ["outer", "inner"]).codeCache).toBe("warm");
});

it("falls back to plain require when the chain does not resolve, and is off with BCTS_CODE_CACHE=off", () => {
  const fallback = codeCachedRequire(from, ["outer", "no-such-package"]);
  expect(fallback.codeCache).toBe("unavailable");
  expect((fallback.exports as { name: string }).name).toBe("outer");
  forget();
  process.env["BCTS_CODE_CACHE"] = "off";
  const off = codeCachedRequire(from, ["outer", "inner"]);
  expect(off.codeCache).toBe("off");
  expect((off.exports as { name: string }).name).toBe("outer");
  saveCodeCache();
  expect(readdirSync(root, { recursive: true }).some((f) => String(f).endsWith(".v8cache"))).toBe(false);
});
