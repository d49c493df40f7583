import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** One ```ts block of a Markdown file, with what the page declares for it to compile. */
export interface DocSample {
  readonly file: string;
  readonly line: number;
  readonly code: string;
  readonly skip: string | undefined;
}

/**
 * Finds every ```ts / ```typescript block. An HTML comment right before a block steers it:
 *   <!-- doc-sample: declare const tenantId: string; -->  is prepended (hidden context)
 *   <!-- doc-sample: skip because … -->                   is not compiled (the reason is reported)
 */
export function extractDocSamples(root: string, files: readonly string[]): DocSample[] {
  const samples: DocSample[] = [];
  for (const file of files) {
    const lines = readFileSync(file, "utf8").split("\n");
    let pending = "";
    let skip: string | undefined;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const directive = /^<!--\s*doc-sample:\s*([\s\S]*?)\s*-->\s*$/.exec(line.trim());
      if (directive) {
        const body = directive[1]!;
        if (body.startsWith("skip")) skip = body.slice(4).trim() || "skipped";
        else pending += `${body}\n`;
        continue;
      }
      const fence = /^```(ts|typescript)\s*$/.exec(line.trim());
      if (!fence) continue;
      const start = i + 1;
      const body: string[] = [];
      for (i = start; i < lines.length && lines[i]!.trim() !== "```"; i++) body.push(lines[i]!);
      samples.push({ file: relative(root, file), line: start, code: `${pending}${body.join("\n")}\n`, skip });
      pending = "";
      skip = undefined;
    }
  }
  return samples;
}

export function markdownFiles(root: string): string[] {
  const out = [join(root, "README.md")];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith(".md")) out.push(path);
    }
  };
  walk(join(root, "docs"));
  for (const pkg of ["auth", "odata", "codegen", "client", "emulator", "redis"]) {
    const readme = join(root, "packages", pkg, "README.md");
    try {
      statSync(readme);
      out.push(readme);
    } catch {
      // a package without a README has no samples
    }
  }
  return out.sort();
}
