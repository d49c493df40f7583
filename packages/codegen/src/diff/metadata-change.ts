/** One classified difference between two metadata documents of the same route. */
export interface MetadataChange {
  /** "major": removals, renames, type changes (consumers may break); "minor": additions. */
  readonly severity: "major" | "minor";
  readonly kind: "added" | "removed" | "changed";
  /** What changed, e.g. `property Microsoft.NAV.customer/displayName`. */
  readonly subject: string;
  readonly detail: string;
}

export type Bump = "major" | "minor" | "none";

export function bumpOf(changes: readonly MetadataChange[]): Bump {
  if (changes.some((c) => c.severity === "major")) return "major";
  return changes.length > 0 ? "minor" : "none";
}
