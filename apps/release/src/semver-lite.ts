import type { Bump } from "./read-changesets.js";

/** The plain x.y.z versions this repo uses (no pre-releases). */
function parse(version: string): [number, number, number] {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m) throw new Error(`not a plain x.y.z version: ${version}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

export function incrementVersion(version: string, bump: Bump): string {
  const [major, minor, patch] = parse(version);
  if (bump === "major") return `${major + 1}.0.0`;
  if (bump === "minor") return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** Whether `version` satisfies `^base` (npm's caret: the left-most non-zero part is fixed). */
export function satisfiesCaret(version: string, base: string): boolean {
  const v = parse(version);
  const b = parse(base);
  const atLeast = v[0] !== b[0] ? v[0] > b[0] : v[1] !== b[1] ? v[1] > b[1] : v[2] >= b[2];
  if (!atLeast) return false;
  if (b[0] > 0) return v[0] === b[0];
  if (b[1] > 0) return v[0] === 0 && v[1] === b[1];
  return v[0] === 0 && v[1] === 0 && v[2] === b[2];
}

export const bumpOrder: Readonly<Record<Bump, number>> = { patch: 1, minor: 2, major: 3 };
