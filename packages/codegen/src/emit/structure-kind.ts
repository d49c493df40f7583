import type { StructureKind as Kind } from "ts-morph";

/**
 * The members of ts-morph's `StructureKind` enum that `emit/` writes into structures, as plain
 * numbers, so that emitting needs no ts-morph loaded: `generate()` parses, models and emits on the
 * main thread while ts-morph loads on a worker (`print/print-in-worker.ts`). The values are those of
 * ts-morph 27 (pinned in package.json); `structure-kind.test.ts` compares them with the real enum.
 *
 * @example
 * const property = { kind: StructureKind.PropertySignature, name: "id", type: "string" };
 */
export const StructureKind = {
  ExportDeclaration: 11 as Kind.ExportDeclaration,
  ImportDeclaration: 16 as Kind.ImportDeclaration,
  Interface: 19 as Kind.Interface,
  PropertySignature: 33 as Kind.PropertySignature,
  TypeAlias: 38 as Kind.TypeAlias,
} as const;
