import { readGeneratedFiles } from "./generated-files.js";

export interface OutputSize {
  readonly files: number;
  readonly lines: number;
  readonly bytes: number;
}

/** Files, lines and bytes of the TypeScript a tool generated (its .ts/.d.ts files). */
export function measureOutputSize(dir: string): OutputSize {
  const files = readGeneratedFiles(dir, /\.ts$/);
  let lines = 0;
  let bytes = 0;
  for (const f of files) {
    lines += f.text.split("\n").length - (f.text.endsWith("\n") ? 1 : 0);
    bytes += Buffer.byteLength(f.text);
  }
  return { files: files.length, lines, bytes };
}
