import type { BenchDocument } from "../bench-document.js";
import { readMetadataInventory } from "../losses/metadata-inventory.js";
import type { SurvivalProbe } from "../losses/survival-probe.js";
import { escapeRegExp, memberType, readGeneratedFiles } from "../output/generated-files.js";
import { isStreamType } from "./odata2ts-survival-probe.js";

/**
 * SAP names an entity class after its entity *set*; each class file says
 * `This class represents the entity "<set>"`. A type T survives if a class exists for one of its
 * sets; its navigation properties are class members (`N?:`/`N!:`), bound operations are methods
 * `A(` of that class, enums are `export enum` files (PascalCase).
 */
export function sapSurvivalProbe(doc: BenchDocument, codeDir: string): SurvivalProbe {
  const files = readGeneratedFiles(codeDir, /\.ts$/);
  const classBySet = new Map<string, string>();
  for (const f of files) {
    const m = /This class represents the entity "([^"]+)"/.exec(f.text);
    if (m?.[1]) classBySet.set(m[1], f.text);
  }
  const { setsByType } = readMetadataInventory(doc.file);
  const classes = (type: string): string[] =>
    (setsByType.get(type) ?? []).map((s) => classBySet.get(s)).filter((t): t is string => t !== undefined);
  const enums = new Set(files.flatMap((f) => [...f.text.matchAll(/^export enum (\w+)/gm)].map((m) => m[1]!.toLowerCase())));
  return {
    entityType: (type) => classes(type).length > 0,
    navigation: (owner, name) => classes(owner).some((c) => memberType(c, name) !== null),
    boundAction: (binding, name) => classes(binding).some((c) => new RegExp(`^\\s+(?:async )?${escapeRegExp(name)}\\s*\\(`, "m").test(c)),
    stream: (owner, name) => classes(owner).some((c) => isStreamType(memberType(c, name))),
    enumType: (name) => enums.has(name.toLowerCase()),
  };
}
