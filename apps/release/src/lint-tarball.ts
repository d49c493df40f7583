import { readFile } from "node:fs/promises";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

export interface PackagingProblem {
  readonly tool: "publint" | "attw";
  readonly code: string;
  readonly message: string;
}

/** publint on the packed tarball (what npm would receive); warnings and errors are problems, suggestions are not. */
export async function lintTarball(tarballPath: string): Promise<PackagingProblem[]> {
  const data = await readFile(tarballPath);
  const tarball = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  const { messages, pkg } = await publint({ pack: { tarball }, level: "warning", strict: false });
  return messages.map((m) => ({ tool: "publint", code: m.code, message: `${m.type}: ${formatMessage(m, pkg, { color: false }) ?? m.code} (at ${m.path.join(".")})` }));
}
