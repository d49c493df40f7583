import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

export type Bump = "major" | "minor" | "patch";

export interface Changeset {
  readonly id: string;
  readonly releases: ReadonlyMap<string, Bump>;
  readonly summary: string;
}

/** Parses one changeset file: a `---` front matter of `"name": bump` lines, then the summary. */
export function parseChangeset(id: string, text: string): Changeset {
  const lines = text.trimStart().split(/\r?\n/);
  const close = lines.indexOf("---", 1);
  if (lines[0] !== "---" || close < 0) throw new Error(`.changeset/${id}.md has no front matter`);
  const releases = new Map<string, Bump>();
  for (const line of lines.slice(1, close)) {
    if (line.trim() === "") continue;
    const entry = /^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch)\s*$/.exec(line);
    if (!entry) throw new Error(`.changeset/${id}.md: cannot read front matter line ${JSON.stringify(line)}`);
    releases.set(entry[1]!, entry[2] as Bump);
  }
  return { id, releases, summary: lines.slice(close + 1).join("\n").trim() };
}

/** Every pending changeset in `<root>/.changeset` (README.md and config.json are not changesets). */
export async function readChangesets(root: string): Promise<Changeset[]> {
  const dir = join(root, ".changeset");
  const files = (await readdir(dir)).filter((f) => f.endsWith(".md") && f.toLowerCase() !== "readme.md").sort();
  return Promise.all(files.map(async (f) => parseChangeset(f.slice(0, -3), await readFile(join(dir, f), "utf8"))));
}
