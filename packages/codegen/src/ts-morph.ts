import { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";

// ts-morph is CommonJS. Importing it from ESM makes Node scan its (and the bundled TypeScript's)
// 10 MB of JavaScript for named exports before running it: measured ~100 ms of every
// `bcts generate`. require() skips that scan. Every runtime use of ts-morph goes through here.
const tsMorph = createRequire(import.meta.url)("ts-morph") as typeof TsMorph;

export const { IndentationText, NewLineKind, Project, QuoteKind, StructureKind, ts } = tsMorph;
export type Project = TsMorph.Project;
export type StructureKind = TsMorph.StructureKind;
