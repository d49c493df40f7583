import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../paths.js";

/**
 * Replaces the text from `start` to `end` (both marker lines, kept in `section`) in docs/benchmarks.md,
 * or appends `section` when the markers are missing — how `--only …` runs update their own section
 * and leave the last full run's report as it was.
 *
 * @example
 * replaceDocSection("<!-- bench:bulk:start -->", "<!-- bench:bulk:end -->", section);
 */
export function replaceDocSection(start: string, end: string, section: string): void {
  const file = join(repoRoot, "docs", "benchmarks.md");
  const doc = readFileSync(file, "utf8");
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  const next = from >= 0 && to > from ? doc.slice(0, from) + section + doc.slice(to + end.length) : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}
