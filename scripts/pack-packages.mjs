#!/usr/bin/env node
// Builds every public package under packages/ and packs each into one folder, so that a project
// outside this repository can install them without a registry:
//   node scripts/pack-packages.mjs [--out dist/packages] [--no-build]
//   → dist/packages/bcts-auth-0.1.0.tgz, bcts-odata-0.1.0.tgz, …
//   then, in your project: npm install /path/to/bcts/dist/packages/*.tgz
// pnpm pack (not npm pack) is used because it rewrites `workspace:^` ranges to the real versions;
// the tarballs must be installed in ONE `npm install`, since they depend on each other and are not
// on any registry. Third-party dependencies (msal-node, openapi-fetch, …) come from your registry.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    out: { type: "string", default: "dist/packages" },
    "no-build": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  console.log("Usage: node scripts/pack-packages.mjs [--out dist/packages] [--no-build]\n  Builds and packs every public @bcts package into one folder (internal ranges resolved).");
  process.exit(0);
}

const out = resolve(root, values.out);
const pnpm = (args) => {
  const r = spawnSync(process.execPath, [join(root, "scripts", "pnpm.mjs"), ...args], { cwd: root, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  if (r.status !== 0) {
    console.error(`pnpm ${args.join(" ")} failed (exit ${r.status}):\n${r.stdout ?? ""}`);
    process.exit(r.status ?? 1);
  }
  return r.stdout;
};

const packages = readdirSync(join(root, "packages"))
  .map((dir) => join(root, "packages", dir, "package.json"))
  .filter((file) => existsSync(file))
  .map((file) => JSON.parse(readFileSync(file, "utf8")))
  .filter((manifest) => manifest.private !== true);

// The build lock (shared with apps/release/src/build-lock.ts): a parallel build must not rewrite dist/
// while it is packed. A lock older than 15 minutes is left over from a killed run and taken over.
const lock = join(root, "node_modules", ".cache", "bcts-build.lock");
mkdirSync(dirname(lock), { recursive: true });
for (;;) {
  try {
    mkdirSync(lock);
    break;
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
    let age = 0;
    try {
      age = Date.now() - statSync(lock).mtimeMs;
    } catch {
      continue;
    }
    if (age > 15 * 60_000) rmSync(lock, { recursive: true, force: true });
    else await new Promise((r) => setTimeout(r, 500));
  }
}
process.on("exit", () => rmSync(lock, { recursive: true, force: true }));

if (!values["no-build"]) {
  console.log(`building ${packages.length} packages …`);
  pnpm(["exec", "turbo", "run", "build", "--filter=./packages/*", "--output-logs=errors-only"]);
}

// A stale tarball of an older version would be installed next to the new one, so start empty.
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
pnpm(["--recursive", "--filter=./packages/*", "pack", "--pack-destination", out]);

const tarballs = readdirSync(out).filter((f) => f.endsWith(".tgz")).sort();
const missing = packages.filter((m) => !tarballs.some((t) => t.startsWith(`${m.name.replace(/^@/, "").replace("/", "-")}-${m.version}`)));
if (missing.length > 0) {
  console.error(`not packed: ${missing.map((m) => m.name).join(", ")}`);
  process.exit(1);
}
console.log(`packed ${tarballs.length} packages into ${out}:\n  ${tarballs.join("\n  ")}\nInstall them in one command, in your project:\n  npm install ${join(out, "*.tgz")}`);
