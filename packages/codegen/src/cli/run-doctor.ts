import type { CliIo } from "./run-cli.js";

export async function runDoctor(_args: readonly string[], io: CliIo): Promise<number> {
  io.err("bcts doctor: not implemented yet");
  return 2;
}
