import type { CsdlDocument } from "../csdl/csdl-document.js";
import type { EdmPrimitiveName, EdmTypeRef } from "./edm-model.js";
import { MetadataModelError } from "./metadata-model-error.js";

const PRIMITIVES: ReadonlySet<string> = new Set<EdmPrimitiveName>([
  "Edm.String", "Edm.Guid", "Edm.Boolean", "Edm.Byte", "Edm.SByte", "Edm.Int16", "Edm.Int32", "Edm.Int64", "Edm.Decimal",
  "Edm.Double", "Edm.Single", "Edm.Date", "Edm.DateTimeOffset", "Edm.TimeOfDay", "Edm.Duration", "Edm.Binary", "Edm.Stream",
]);

export interface ResolvedTypeName {
  readonly type: EdmTypeRef;
  readonly collection: boolean;
}

/** Resolves `Collection(NAV.x)`, aliases and qualified names against every schema of the document. */
export class TypeResolver {
  readonly #aliases = new Map<string, string>();
  readonly #kinds = new Map<string, "enum" | "complex" | "entity">();

  constructor(document: CsdlDocument, private readonly source: string) {
    for (const schema of document.schemas) {
      if (schema.alias !== undefined) this.#aliases.set(schema.alias, schema.namespace);
      for (const t of schema.enumTypes) this.#kinds.set(`${schema.namespace}.${t.name}`, "enum");
      for (const t of schema.complexTypes) this.#kinds.set(`${schema.namespace}.${t.name}`, "complex");
      for (const t of schema.entityTypes) this.#kinds.set(`${schema.namespace}.${t.name}`, "entity");
    }
  }

  /** `Alias.name` → `Namespace.name`; other names unchanged. */
  qualify(name: string): string {
    const dot = name.lastIndexOf(".");
    if (dot < 0) return name;
    const namespace = this.#aliases.get(name.slice(0, dot));
    return namespace === undefined ? name : `${namespace}${name.slice(dot)}`;
  }

  resolve(typeName: string, at: string): ResolvedTypeName {
    const match = /^Collection\((.+)\)$/.exec(typeName);
    const inner = this.qualify(match ? match[1]! : typeName);
    const collection = match !== null;
    if (inner.startsWith("Edm.")) {
      if (!PRIMITIVES.has(inner)) {
        throw new MetadataModelError(this.source, at, `primitive type "${inner}" is not supported`, "Business Central does not use it; report the document if it is genuine.");
      }
      return { type: { kind: "primitive", name: inner as EdmPrimitiveName }, collection };
    }
    const kind = this.#kinds.get(inner);
    if (kind === undefined) throw new MetadataModelError(this.source, at, `type "${typeName}" is not declared in any schema`);
    return { type: kind === "enum" ? { kind, qualifiedName: inner } : kind === "complex" ? { kind, qualifiedName: inner } : { kind, qualifiedName: inner }, collection };
  }

  entityType(typeName: string, at: string): { readonly qualifiedName: string; readonly collection: boolean } {
    const resolved = this.resolve(typeName, at);
    if (resolved.type.kind !== "entity") throw new MetadataModelError(this.source, at, `"${typeName}" is not an entity type`);
    return { qualifiedName: resolved.type.qualifiedName, collection: resolved.collection };
  }
}
