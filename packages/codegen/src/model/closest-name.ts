import { compareStrings } from "./compare-strings.js";

/**
 * The candidate a mistyped qualified name most likely meant, for "did you mean" remedies: the same
 * name in other letter case, the same simple name under another namespace or alias
 * (`NAV.customer` → `Microsoft.NAV.customer`), else the nearest by edit distance when it is close.
 */
export function closestName(wanted: string, candidates: readonly string[]): string | undefined {
  const lower = wanted.toLowerCase();
  const sorted = [...candidates].sort(compareStrings);
  const sameCase = sorted.find((c) => c.toLowerCase() === lower);
  if (sameCase !== undefined) return sameCase;
  const simple = simpleName(lower);
  const sameSimple = sorted.find((c) => simpleName(c.toLowerCase()) === simple);
  if (sameSimple !== undefined) return sameSimple;
  const limit = Math.max(2, Math.floor(simple.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const c of sorted) {
    const distance = editDistance(lower, c.toLowerCase());
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { name: c, distance };
  }
  return best?.name;
}

function simpleName(qualified: string): string {
  return qualified.slice(qualified.lastIndexOf(".") + 1);
}

/** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
