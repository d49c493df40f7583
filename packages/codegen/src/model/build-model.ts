import type { CsdlDocument, CsdlEntitySet } from "../csdl/csdl-document.js";
import type { EdmComplexType, EdmEntitySet, EdmEntityType, EdmModel, EdmOperation, EdmProperty } from "./edm-model.js";
import { AnnotationLookup, findTerm, recordFlag } from "./annotation-lookup.js";
import { buildEnumTypes } from "./build-enum-types.js";
import { buildEntityTypes } from "./build-entity-types.js";
import { buildOperation } from "./build-operation.js";
import { buildProperties, type PropertyContext } from "./build-properties.js";
import { compareStrings } from "./compare-strings.js";
import { isDeepInsert } from "./deep-insert.js";
import { MetadataModelError } from "./metadata-model-error.js";
import type { ModelOptions } from "./model-options.js";
import { NameAllocator } from "./name-allocator.js";
import { camel, decodeXmlName, routeConstName, toIdentifier } from "./names.js";
import { CLIENT_MEMBERS } from "./reserved-names.js";
import { inferDialect } from "./infer-dialect.js";
import { TypeNaming } from "./type-naming.js";
import { TypeResolver } from "./type-resolver.js";

/**
 * Resolves a parsed document into the route's `EdmModel`.
 * Sets come from the container (never pluralised type names). Scope: in `api` routes a set is
 * "root" when the `companies` set's type does not contain it; in `odatav4` routes only `Company` is root;
 * a document without that set (a non-BC service) has every set at the root.
 */
export function buildModel(document: CsdlDocument, options: ModelOptions, source: string): EdmModel {
  const resolver = new TypeResolver(document, source);
  const context: PropertyContext = { resolver, annotations: new AnnotationLookup(document, resolver), source };
  const notes: string[] = [];
  const routeConst = routeConstName(options.routeName);
  const naming = new TypeNaming(options.naming, document, routeConst, notes);

  const sets = document.schemas.flatMap((s) => (s.entityContainer?.entitySets ?? []).map((set) => ({ set, type: resolver.entityType(set.entityType, `EntitySet[${set.name}]`).qualifiedName })));
  const containerSetName = options.routeKind === "api" ? "companies" : "Company";
  const containerType = sets.find((s) => s.set.name === containerSetName)?.type;
  const selected = selectSets(sets, options, source);
  // Unbound operations are not entity sets: an allow-list of sets keeps them all, with the types they use.
  const operations = unboundOperations(document, resolver, source);
  const keep = options.entitySets === "all"
    ? new Set(document.schemas.flatMap((s) => s.entityTypes.map((t) => `${s.namespace}.${t.name}`)))
    : reachableTypes(document, [...selected.map((s) => s.type), ...entityTypesOf(operations)], containerType, resolver);

  const enumTypes = buildEnumTypes(document, naming, source);
  const complexTypes = buildComplexTypes(document, naming, context);
  const entityTypes = buildEntityTypes(document, keep, containerType, naming, context, notes);
  const containerNavigation = document.schemas.flatMap((s) => s.entityTypes.filter((t) => `${s.namespace}.${t.name}` === containerType).flatMap((t) => t.navigationProperties));
  const contained = new Set(containerNavigation.flatMap((n) => [n.name, `type:${resolver.entityType(n.type, `EntityType[${containerType}]/NavigationProperty[${n.name}]`).qualifiedName}`]));

  // Sets keep their wire names; only those named like client members are renamed, around the others.
  const setKeys = new NameAllocator([...CLIENT_MEMBERS, ...selected.map((s) => s.set.name)]);
  const entitySets = [...selected].sort((a, b) => compareStrings(a.set.name, b.set.name)).map(({ set, type }): EdmEntitySet => ({
    wireName: set.name,
    key: setKey(set.name, setKeys, notes),
    entityType: type,
    constName: `${naming.exports.take(camel(toIdentifier(decodeXmlName(set.name))), (c) => [`${c}Set`])}Set`,
    scope: scopeOf(set, type, options, containerType, contained),
    optimisticConcurrency: findTerm(context.annotations.of(setTarget(document, set), set.annotations), "Org.OData.Core.V1.OptimisticConcurrency") !== undefined,
    capabilities: {
      insert: recordFlag(set.annotations, "Org.OData.Capabilities.V1.InsertRestrictions", "Insertable"),
      update: recordFlag(set.annotations, "Org.OData.Capabilities.V1.UpdateRestrictions", "Updatable"),
      delete: recordFlag(set.annotations, "Org.OData.Capabilities.V1.DeleteRestrictions", "Deletable"),
    },
  }));

  const used = usedTypeNames(entityTypes, complexTypes, operations);
  const pruned = options.entitySets !== "all";
  return {
    routeName: options.routeName,
    routeKind: options.routeKind,
    routePath: options.routePath,
    routeConst,
    dialect: inferDialect(document, options.dialect),
    entityTypes,
    complexTypes: pruned ? complexTypes.filter((t) => used.has(t.qualifiedName)) : complexTypes,
    enumTypes: pruned ? enumTypes.filter((t) => used.has(t.qualifiedName)) : enumTypes,
    entitySets,
    unboundOperations: operations,
    notes,
  };
}

function selectSets<T extends { readonly set: CsdlEntitySet }>(sets: readonly T[], options: ModelOptions, source: string): T[] {
  if (options.entitySets === "all") return [...sets];
  const byName = new Map(sets.map((s) => [s.set.name, s]));
  return options.entitySets.map((name) => {
    const hit = byName.get(name);
    if (!hit) {
      throw new MetadataModelError(source, "EntityContainer", `entity set "${name}" (from the route option entitySets) does not exist`,
        `Use one of: ${[...byName.keys()].sort(compareStrings).slice(0, 12).join(", ")}${byName.size > 12 ? ", …" : ""}.`);
    }
    return hit;
  });
}

/**
 * Types of the selected sets, plus what they cannot work without: deep-insert line types and types that
 * have no set of their own (ODataV4 `Media`), transitively. Other navigation targets are pruned; their
 * navigation properties stay, typed by name.
 */
function reachableTypes(document: CsdlDocument, roots: readonly string[], containerType: string | undefined, resolver: TypeResolver): Set<string> {
  const withSet = new Set(document.schemas.flatMap((s) => (s.entityContainer?.entitySets ?? []).map((set) => resolver.qualify(set.entityType))));
  const navigation = new Map<string, string[]>();
  for (const schema of document.schemas) {
    for (const type of schema.entityTypes) {
      const name = `${schema.namespace}.${type.name}`;
      navigation.set(name, type.navigationProperties.flatMap((n) => {
        const target = resolver.entityType(n.type, `EntityType[${name}]/NavigationProperty[${n.name}]`);
        const needed = !withSet.has(target.qualifiedName) || isDeepInsert(name, containerType, target.qualifiedName, target.collection, n.containsTarget);
        return needed ? [target.qualifiedName] : [];
      }));
    }
  }
  const keep = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const next = queue.pop()!;
    if (keep.has(next)) continue;
    keep.add(next);
    queue.push(...(navigation.get(next) ?? []));
  }
  return keep;
}

/** `NS.Container/SetName`, the target of external annotations on a set. */
function setTarget(document: CsdlDocument, set: CsdlEntitySet): string {
  const schema = document.schemas.find((s) => s.entityContainer?.entitySets.includes(set));
  return schema?.entityContainer === undefined ? set.name : `${schema.namespace}.${schema.entityContainer.name}/${set.name}`;
}

/** Company scoping only exists where the document has the container set (`companies`, or `Company` for ODataV4); without it every set is at the root. */
function scopeOf(set: CsdlEntitySet, type: string, options: ModelOptions, containerType: string | undefined, contained: ReadonlySet<string>): "company" | "root" {
  if (containerType === undefined) return "root";
  switch (options.routeKind) {
    case "odatav4":
      return set.name === "Company" ? "root" : "company";
    case "api":
      return type !== containerType && (contained.has(set.name) || contained.has(`type:${type}`)) ? "company" : "root";
    default: {
      const unreachable: never = options.routeKind;
      return unreachable;
    }
  }
}

function buildComplexTypes(document: CsdlDocument, naming: TypeNaming, context: PropertyContext): EdmComplexType[] {
  const all = document.schemas.flatMap((s) => s.complexTypes.map((type) => ({ type, qualifiedName: `${s.namespace}.${type.name}` })));
  all.sort((a, b) => compareStrings(a.qualifiedName, b.qualifiedName));
  return all.map(({ type, qualifiedName }) => {
    if (type.baseType !== undefined) context.resolver.resolve(type.baseType, `ComplexType[${qualifiedName}]/@BaseType`);
    return {
      kind: "complexType",
      qualifiedName,
      name: naming.name("complex", qualifiedName, type.name),
      properties: buildProperties("ComplexType", qualifiedName, type.properties, [], context),
    };
  });
}

/** The key of a set in `sets`: its wire name unless a client member has it (then renamed, with a note). */
function setKey(wireName: string, keys: NameAllocator, notes: string[]): string {
  if (!CLIENT_MEMBERS.includes(wireName)) return wireName;
  const key = keys.take(wireName);
  notes.push(`EntitySet[${wireName}] is exposed as client.${key}: "${wireName}" is a member of the runtime's clients. Its URL stays /${wireName}.`);
  return key;
}

function entityTypesOf(operations: readonly EdmOperation[]): string[] {
  return operations.flatMap((o) => [...o.parameters, ...(o.returns ? [o.returns] : [])]).flatMap((v) => (v.type.kind === "entity" ? [v.type.qualifiedName] : []));
}

function usedTypeNames(entityTypes: readonly EdmEntityType[], complexTypes: readonly EdmComplexType[], operations: readonly EdmOperation[]): Set<string> {
  const used = new Set<string>();
  const complexByName = new Map(complexTypes.map((c) => [c.qualifiedName, c]));
  const visit = (properties: readonly Pick<EdmProperty, "type">[]): void => {
    for (const { type } of properties) {
      if (type.kind === "primitive" || type.kind === "entity" || used.has(type.qualifiedName)) continue;
      used.add(type.qualifiedName);
      const complex = complexByName.get(type.qualifiedName);
      if (complex) visit(complex.properties);
    }
  };
  for (const t of entityTypes) {
    visit(t.properties);
    for (const a of t.actions) visit([...a.parameters, ...(a.returns ? [a.returns] : [])]);
  }
  for (const o of operations) visit([...o.parameters, ...(o.returns ? [o.returns] : [])]);
  return used;
}

function unboundOperations(document: CsdlDocument, resolver: TypeResolver, source: string): EdmOperation[] {
  const members = new NameAllocator(["__proto__"]);
  const imports = document.schemas.flatMap((s) => [
    ...(s.entityContainer?.actionImports ?? []).map((i) => ({ name: i.name, target: i.action, kind: "action" as const })),
    ...(s.entityContainer?.functionImports ?? []).map((i) => ({ name: i.name, target: i.function, kind: "function" as const })),
  ]).sort((a, b) => compareStrings(a.name, b.name));
  return imports.flatMap((imp) => {
    const qualified = resolver.qualify(imp.target);
    const operation = document.schemas.flatMap((s) => (imp.kind === "action" ? s.actions : s.functions).filter((o) => !o.isBound && `${s.namespace}.${o.name}` === qualified))[0];
    if (!operation) throw new MetadataModelError(source, `${imp.kind === "action" ? "ActionImport" : "FunctionImport"}[${imp.name}]`, `it imports "${imp.target}", which is not an unbound ${imp.kind}`);
    return [buildOperation(operation, imp.name, members.take(toIdentifier(decodeXmlName(imp.name))), resolver, `ActionImport[${imp.name}]`)];
  });
}
