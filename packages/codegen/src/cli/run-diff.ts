import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "../config/config-error.js";
import { diffMetadata } from "../diff/diff-metadata.js";
import type { CliIo } from "./run-cli.js";

/** `bcts diff <old.xml> <new.xml> [--kind api|odatav4]`: prints the classified changes; exit 0. */
export async function runDiff(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { kind: { type: "string" } } });
  const [oldPath, newPath] = positionals;
  if (oldPath === undefined || newPath === undefined) throw new ConfigError("bcts diff", "two metadata files", `${positionals.length}`, "bcts diff metadata/api-v2.0.old.xml metadata/api-v2.0.xml");
  const kind = values.kind ?? "api";
  if (kind !== "api" && kind !== "odatav4") throw new ConfigError("--kind", `"api" or "odatav4"`, JSON.stringify(kind), "--kind odatav4");
  const [before, after] = await Promise.all([readFile(resolve(io.cwd, oldPath), "utf8"), readFile(resolve(io.cwd, newPath), "utf8")]);
  io.out(diffMetadata(before, after, { kind }).summary);
  return 0;
}
