import { ConfigError } from "../config/config-error.js";
import type { ResolvedNaming } from "../config/config-types.js";
import type { CsdlDocument } from "../csdl/csdl-document.js";
import { closestName } from "./closest-name.js";
import { compareStrings } from "./compare-strings.js";
import { NameAllocator } from "./name-allocator.js";
import { camel, decodeXmlName, pascal, toIdentifier, toMemberKey, toPascalMemberKey } from "./names.js";
import { RESERVED_EXPORTS, RESERVED_WORDS } from "./reserved-names.js";

export type NamedTypeKind = "entity" | "complex" | "enum";

/** Every export one type name stands for: an entity type's `Customer` is also `CustomerCreate`, …, `customerType`. */
export function typeNameForms(kind: NamedTypeKind, name: string): readonly string[] {
  switch (kind) {
    case "entity":
      return [name, `${name}Create`, `${name}Update`, `${name}Model`, `${name}Fields`, `${name}Navigation`, `${name}Actions`, `${camel(name)}Type`];
    case "complex":
    case "enum":
      return [name];
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/**
 * The base name of a type before de-duplication: its `rename` target exactly as given, else
 * prefix + the decoded metadata name (PascalCased or preserved) + suffix.
 */
export function typeBaseName(naming: ResolvedNaming, qualifiedName: string, simpleName: string): string {
  if (Object.hasOwn(naming.rename, qualifiedName)) return naming.rename[qualifiedName]!;
  const identifier = toIdentifier(decodeXmlName(simpleName));
  return `${naming.typePrefix}${spell(naming.types, identifier)}${naming.typeSuffix}`;
}

function spell(types: ResolvedNaming["types"], identifier: string): string {
  switch (types) {
    case "pascal":
      return pascal(identifier);
    case "preserve":
      return identifier;
    default: {
      const unreachable: never = types;
      return unreachable;
    }
  }
}

/**
 * The route's naming options applied to one document. Renamed types get exactly their target: the
 * targets' forms are taken before anything else is named, so automatically named types step aside
 * (`Vendor_2`, with a note). A rename that names no type of the document, or whose forms meet a
 * reserved name or another rename's forms, is a `ConfigError`.
 */
export class TypeNaming {
  /** The route's export names; set constants are allocated here too. */
  readonly exports: NameAllocator;
  readonly #renameOwners = new Map<string, string>();

  constructor(
    private readonly naming: ResolvedNaming,
    document: CsdlDocument,
    routeConst: string,
    private readonly notes: string[],
  ) {
    const declared = new Map<string, NamedTypeKind>();
    for (const schema of document.schemas) {
      for (const t of schema.entityTypes) declared.set(`${schema.namespace}.${t.name}`, "entity");
      for (const t of schema.complexTypes) declared.set(`${schema.namespace}.${t.name}`, "complex");
      for (const t of schema.enumTypes) declared.set(`${schema.namespace}.${t.name}`, "enum");
    }
    const reserved = new Map<string, string>([
      ...RESERVED_EXPORTS.map((n) => [n, "a name the generated modules declare or import"] as const),
      ...RESERVED_WORDS.map((n) => [n, "a reserved word of TypeScript"] as const),
      [routeConst, "the route constant"],
    ]);
    for (const [from, to] of Object.entries(naming.rename)) {
      const key = `naming.rename["${from}"]`;
      const kind = declared.get(from);
      if (kind === undefined) {
        const near = closestName(from, [...declared.keys()]);
        const example = near ?? [...declared.keys()].sort(compareStrings)[0] ?? "Microsoft.NAV.customer";
        throw new ConfigError(key, "the qualified name of an entity, complex or enum type in the document", `"${from}", which the document does not declare${near === undefined ? "" : ` (did you mean "${near}"?)`}`, `rename: { "${example}": "${to}" }`);
      }
      for (const form of typeNameForms(kind, to)) {
        const why = reserved.get(form);
        if (why !== undefined) throw new ConfigError(key, "a name whose generated forms are free", `"${to}", whose form ${form} is ${why}`, `rename: { "${from}": "${to}2" }`);
        const owner = this.#renameOwners.get(form);
        if (owner !== undefined) {
          throw new ConfigError(key, "a name whose generated forms no other renamed type uses", `"${to}", whose form ${form} is also a form of "${naming.rename[owner]}" (${owner})`, `rename: { "${from}": "${to}2" }`);
        }
      }
      for (const form of typeNameForms(kind, to)) this.#renameOwners.set(form, from);
    }
    this.exports = new NameAllocator([...reserved.keys(), ...this.#renameOwners.keys()]);
  }

  /** The exported name of a type: its rename target, or its base name made unique among the route's exports. */
  name(kind: NamedTypeKind, qualifiedName: string, simpleName: string): string {
    const base = typeBaseName(this.naming, qualifiedName, simpleName);
    if (Object.hasOwn(this.naming.rename, qualifiedName)) return base;
    const name = this.exports.take(base, (c) => typeNameForms(kind, c));
    const owner = typeNameForms(kind, base).map((f) => this.#renameOwners.get(f)).find((o) => o !== undefined);
    if (name !== base && owner !== undefined) this.notes.push(`${qualifiedName} is generated as ${name}: naming.rename gives ${base} to ${owner}.`);
    return name;
  }

  /** An enum member's object key; the value stays the raw wire name. */
  memberKey(wireName: string): string {
    switch (this.naming.enumMembers) {
      case "decoded":
        return toMemberKey(wireName);
      case "pascal":
        return toPascalMemberKey(wireName);
      default: {
        const unreachable: never = this.naming.enumMembers;
        return unreachable;
      }
    }
  }
}
