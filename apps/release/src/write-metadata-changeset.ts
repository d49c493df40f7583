import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { metadataChangeset, type DiffMetadata, type MetadataChangesetOptions } from "./metadata-changeset.js";

/**
 * Writes `.changeset/<package>-<route>-metadata-<hash>.md` under `root` for the snapshot change
 * `before` → `after` (named after the new snapshot's hash, so re-running is idempotent). Resolves to
 * the file and the bump, or to `undefined` when the API did not change.
 */
export async function writeMetadataChangeset(
  root: string,
  before: string,
  after: string,
  options: MetadataChangesetOptions,
  diff?: DiffMetadata,
): Promise<{ path: string; bump: "major" | "minor"; summary: string } | undefined> {
  const { diff: result, text } = metadataChangeset(before, after, options, diff);
  if (text === undefined || result.bump === "none") return undefined;
  const slug = (s: string) => s.replace(/^@/, "").replace(/[^A-Za-z0-9.]+/g, "-").replace(/\./g, "_");
  const hash = createHash("sha256").update(after).digest("hex").slice(0, 8);
  const path = join(root, ".changeset", `${slug(options.packageName)}-${slug(options.route)}-metadata-${hash}.md`);
  await writeFile(path, text);
  return { path, bump: result.bump, summary: result.summary };
}
