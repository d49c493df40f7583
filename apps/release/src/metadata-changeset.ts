import { diffMetadata, type MetadataDiff } from "@bcts/codegen";

export interface MetadataChangesetOptions {
  /** The package whose generated code comes from this route, e.g. "@bcts/client". */
  readonly packageName: string;
  /** The route path, e.g. "api/v2.0" (for the summary). */
  readonly route: string;
  readonly kind: "api" | "odatav4";
}

export type DiffMetadata = (before: string, after: string, options: { kind: "api" | "odatav4" }) => MetadataDiff;

/**
 * The changeset for regenerating `packageName` from a newer `$metadata` snapshot: the bump is the
 * one codegen's diff decides (a removal or type change is major, an addition minor); the summary
 * lists the changes. `text` is undefined when the API did not change.
 */
export function metadataChangeset(before: string, after: string, options: MetadataChangesetOptions, diff: DiffMetadata = diffMetadata): { diff: MetadataDiff; text: string | undefined } {
  const result = diff(before, after, { kind: options.kind });
  if (result.bump === "none") return { diff: result, text: undefined };
  const breaking = result.changes.filter((c) => c.severity === "major").length;
  const additions = result.changes.length - breaking;
  const sign = (kind: string) => (kind === "added" ? "+" : kind === "removed" ? "-" : "~");
  const lines = result.changes.map((c) => `- ${sign(c.kind)} ${c.subject}${c.detail ? ` (${c.detail})` : ""}`);
  const text = [
    "---",
    `${JSON.stringify(options.packageName)}: ${result.bump}`,
    "---",
    "",
    `Regenerated from a newer \`${options.route}\` \`$metadata\` snapshot: ${breaking} breaking change(s), ${additions} addition(s).`,
    "",
    ...lines,
    "",
  ].join("\n");
  return { diff: result, text };
}
