#!/usr/bin/env node
// Runs the pinned pnpm without a global install: a fresh machine has Node and npm only, and
// corepack cannot verify pnpm's signature here. `npm exec` keeps pnpm in npm's cache.
//   node scripts/pnpm.mjs install-if-needed   → pnpm install (frozen lockfile) unless node_modules is current
//   node scripts/pnpm.mjs <args…>             → pnpm <args…>
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const pnpmSpec = manifest.packageManager; // "pnpm@10.34.9"
if (!/^pnpm@\d+\.\d+\.\d+$/.test(pnpmSpec ?? "")) {
  console.error(`package.json "packageManager" must pin pnpm exactly (e.g. "pnpm@10.34.9"), found ${JSON.stringify(pnpmSpec)}.`);
  process.exit(2);
}

function pnpm(args) {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const r = spawnSync(npm, ["exec", "--yes", `--package=${pnpmSpec}`, "--", "pnpm", ...args], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
  if (r.error) {
    console.error(`Could not start pnpm through npm (${r.error.message}). Is npm on the PATH?`);
    return 1;
  }
  return r.status ?? 1;
}

function installIsCurrent() {
  const marker = join(root, "node_modules", ".modules.yaml");
  const lock = join(root, "pnpm-lock.yaml");
  if (!existsSync(marker) || !existsSync(lock)) return false;
  return statSync(marker).mtimeMs >= statSync(lock).mtimeMs;
}

const [first, ...rest] = process.argv.slice(2);
if (first === "install-if-needed") {
  if (installIsCurrent()) process.exit(0);
  process.exit(pnpm(["install", "--frozen-lockfile", "--reporter=append-only"]));
}
process.exit(pnpm(first === undefined ? [] : [first, ...rest]));
