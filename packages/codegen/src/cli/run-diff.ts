import type { CliIo } from "./run-cli.js";

export async function runDiff(_args: readonly string[], io: CliIo): Promise<number> {
  io.err("bcts diff is not implemented yet.");
  return 2;
}
