import { StructureKind } from "./structure-kind.js";
import type { ImportDeclarationStructure } from "ts-morph";
import { compareStrings } from "../model/compare-strings.js";

/** Collects the names a module uses and prints sorted, de-duplicated import declarations. */
export class ImportSet {
  readonly #modules = new Map<string, Map<string, boolean>>();

  constructor(private readonly self: string) {}

  /** `typeOnly` imports are printed as `type X`; a name used both ways is imported as a value. */
  add(module: string, name: string, typeOnly: boolean): string {
    if (module === this.self) return name;
    const names = this.#modules.get(module) ?? new Map<string, boolean>();
    names.set(name, (names.get(name) ?? true) && typeOnly);
    this.#modules.set(module, names);
    return name;
  }

  structures(): ImportDeclarationStructure[] {
    return [...this.#modules.entries()]
      .sort(([a], [b]) => compareStrings(rank(a), rank(b)))
      .map(([module, names]) => {
        const list = [...names.entries()].sort(([a], [b]) => compareStrings(a, b));
        const allTypes = list.every(([, typeOnly]) => typeOnly);
        return {
          kind: StructureKind.ImportDeclaration,
          moduleSpecifier: module,
          isTypeOnly: allTypes,
          namedImports: list.map(([name, typeOnly]) => (typeOnly && !allTypes ? `type ${name}` : name)),
        };
      });
  }
}

// Package imports first, then relative ones.
function rank(module: string): string {
  return `${module.startsWith(".") ? "1" : "0"}${module}`;
}
