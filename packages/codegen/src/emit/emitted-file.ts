import type { StatementStructures } from "ts-morph";

/** One output file as data: TypeScript as ts-morph structures, JSON as a value. Printed only by `print/`. */
export type EmittedFile =
  | { readonly kind: "typescript"; readonly fileName: string; readonly statements: readonly (string | StatementStructures)[] }
  | { readonly kind: "json"; readonly fileName: string; readonly value: unknown };
