import type { CsdlDocument, CsdlEntityType, CsdlOperation } from "../csdl/csdl-document.js";
import type { EdmEntityType, EdmNavigation, EdmOperation } from "./edm-model.js";
import { buildOperation } from "./build-operation.js";
import { buildProperties, type PropertyContext } from "./build-properties.js";
import { compareStrings } from "./compare-strings.js";
import { isDeepInsert } from "./deep-insert.js";
import { MetadataModelError } from "./metadata-model-error.js";
import { NameAllocator } from "./name-allocator.js";
import { camel, decodeXmlName, kebab, toIdentifier } from "./names.js";
import { ENTITY_CLIENT_MEMBERS, RESERVED_FILES } from "./reserved-names.js";
import type { TypeNaming } from "./type-naming.js";
import { termString } from "./annotation-lookup.js";

interface Declared {
  readonly namespace: string;
  readonly type: CsdlEntityType;
  readonly qualifiedName: string;
}

/**
 * Every entity type (sorted by qualified name) with flattened base types, navigation, and the bound
 * actions whose binding parameter is that type (overloads by binding type land on different types).
 */
export function buildEntityTypes(
  document: CsdlDocument,
  keep: ReadonlySet<string>,
  containerType: string | undefined,
  naming: TypeNaming,
  context: PropertyContext,
  notes: string[],
): EdmEntityType[] {
  const declared = new Map<string, Declared>();
  for (const schema of document.schemas) {
    for (const type of schema.entityTypes) declared.set(`${schema.namespace}.${type.name}`, { namespace: schema.namespace, type, qualifiedName: `${schema.namespace}.${type.name}` });
  }
  const bound = boundActions(document, context, keep, notes);
  const files = new NameAllocator(RESERVED_FILES, true, "-");
  return [...declared.values()]
    .filter((d) => keep.has(d.qualifiedName))
    .sort((a, b) => compareStrings(a.qualifiedName, b.qualifiedName))
    .map((d) => {
      const chain = baseChain(d, declared, context);
      const keys = chain.map((c) => c.type.key).find((k) => k.length > 0) ?? [];
      if (keys.length === 0) notes.push(`${d.qualifiedName} declares no key; it is generated without byId addressing.`);
      const properties = chain.flatMap((c) => buildProperties("EntityType", c.qualifiedName, c.type.properties, keys, context));
      for (const key of keys) {
        if (!properties.some((p) => p.wireName === key)) throw new MetadataModelError(context.source, `EntityType[${d.qualifiedName}]/Key`, `key "${key}" names no property`);
      }
      const navigation = chain.flatMap((c) => c.type.navigationProperties.map((nav): EdmNavigation => {
        const target = context.resolver.entityType(nav.type, `EntityType[${c.qualifiedName}]/NavigationProperty[${nav.name}]`);
        return {
          wireName: nav.name,
          targetType: target.qualifiedName,
          collection: target.collection,
          nullable: nav.nullable,
          containsTarget: nav.containsTarget,
          partner: nav.partner,
          constraints: nav.referentialConstraints,
          // Deep insert: contained collections of document lines (salesOrderLines, SalesOrderSalesLines).
          deepInsert: isDeepInsert(d.qualifiedName, containerType, target.qualifiedName, target.collection, nav.containsTarget),
        };
      // Navigation to a pruned type stays: it is typed by name and falls back to the untyped EntityModel.
      }));
      for (const name of [...navigation.map((n) => n.wireName), ...properties.filter((p) => p.type.kind === "primitive" && p.type.name === "Edm.Stream").map((p) => p.wireName)]) {
        if (ENTITY_CLIENT_MEMBERS.includes(name)) notes.push(`${d.qualifiedName}/${name} is not a member of the entity client ("${name}" is one of its methods); reach it with $expand or a raw request.`);
      }
      const read = naming.name("entity", d.qualifiedName, d.type.name);
      const caption = termString(d.type.annotations, "Org.OData.Core.V1.Description");
      return {
        kind: "entityType",
        qualifiedName: d.qualifiedName,
        wireName: d.type.name,
        names: { read, create: `${read}Create`, update: `${read}Update`, model: `${read}Model`, fields: `${read}Fields`, navigation: `${read}Navigation`, actions: `${read}Actions`, descriptor: `${camel(read)}Type`, file: files.take(kebab(read)) },
        keys,
        properties,
        navigation,
        actions: bound.get(d.qualifiedName) ?? [],
        caption,
      } satisfies EdmEntityType;
    });
}

function baseChain(d: Declared, declared: ReadonlyMap<string, Declared>, context: PropertyContext): Declared[] {
  const chain: Declared[] = [d];
  let current = d;
  while (current.type.baseType !== undefined) {
    const name = context.resolver.qualify(current.type.baseType);
    const base = declared.get(name);
    if (!base) throw new MetadataModelError(context.source, `EntityType[${current.qualifiedName}]/@BaseType`, `base type "${current.type.baseType}" is not declared`);
    if (chain.includes(base)) throw new MetadataModelError(context.source, `EntityType[${current.qualifiedName}]/@BaseType`, "the base type chain is circular");
    chain.unshift(base);
    current = base;
  }
  return chain;
}

function boundActions(document: CsdlDocument, context: PropertyContext, keep: ReadonlySet<string>, notes: string[]): Map<string, EdmOperation[]> {
  const byType = new Map<string, { namespace: string; operation: CsdlOperation; at: string }[]>();
  for (const schema of document.schemas) {
    for (const operation of [...schema.actions, ...schema.functions]) {
      if (!operation.isBound) continue;
      const at = `${operation.kind === "action" ? "Action" : "Function"}[${schema.namespace}.${operation.name}]`;
      const binding = operation.parameters[0];
      if (!binding) throw new MetadataModelError(context.source, at, "a bound operation without a binding parameter");
      const target = context.resolver.entityType(binding.type, `${at}/Parameter[${binding.name}]`);
      if (target.collection) {
        notes.push(`${at} is bound to a collection; collection-bound operations are not generated yet.`);
        continue;
      }
      if (!keep.has(target.qualifiedName)) continue;
      const list = byType.get(target.qualifiedName) ?? [];
      list.push({ namespace: schema.namespace, operation, at });
      byType.set(target.qualifiedName, list);
    }
  }
  const result = new Map<string, EdmOperation[]>();
  for (const [type, list] of byType) {
    const members = new NameAllocator(["__proto__", ...ENTITY_CLIENT_MEMBERS]);
    const sorted = [...list].sort((a, b) => compareStrings(a.operation.name, b.operation.name));
    result.set(type, sorted.map(({ namespace, operation, at }) => {
      const base = toIdentifier(decodeXmlName(operation.name));
      const member = members.take(base);
      if (member !== base && ENTITY_CLIENT_MEMBERS.includes(base)) notes.push(`${at} is generated as the entity client method ${member}: "${base}" is one of its members.`);
      return buildOperation(operation, `${namespace}.${operation.name}`, member, context.resolver, at);
    }));
  }
  return result;
}
