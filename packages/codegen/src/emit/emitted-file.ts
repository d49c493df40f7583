import type { StatementStructures } from "ts-morph";

/** One output file as data: TypeScript as ts-morph structures, JSON as a value. Printed only by `print/`. */
export type EmittedFile =
  | { readonly kind: "typescript"; readonly fileName: string; readonly statements: readonly (string | StatementStructures)[] }
  | { readonly kind: "json"; readonly fileName: string; readonly value: unknown };

/**
 * A TypeScript file's statements, made a module even when the metadata gives it nothing to declare
 * (e.g. a route without complex types): `index.ts` re-exports every file, and re-exporting a
 * script is a compile error (TS2306).
 */
export function moduleStatements(statements: readonly (string | StatementStructures)[]): readonly (string | StatementStructures)[] {
  return statements.length === 0 ? ["export {};"] : statements;
}
