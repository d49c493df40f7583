import { readFileSync } from "node:fs";

/** The installed @bcts/codegen version: `bcts --version` → `0.1.0`. Both src/cli and dist/cli sit two folders below package.json. */
export function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
  return manifest.version ?? "unknown";
}
