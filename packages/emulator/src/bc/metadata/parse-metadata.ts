import { XMLParser } from "fast-xml-parser";
import type {
  EdmBoundAction,
  EdmCapabilities,
  EdmEntitySet,
  EdmEntityType,
  EdmEnumType,
  EdmModel,
  EdmNavigationProperty,
  EdmPrimitive,
  EdmProperty,
  EdmPropertyType,
} from "./edm-model.js";
import { MetadataError } from "./metadata-error.js";

// Elements that may repeat; forcing arrays keeps the walk below free of "one or many" checks.
const repeated = new Set([
  "Schema", "EntityType", "ComplexType", "EnumType", "Member", "Key", "PropertyRef", "Property",
  "NavigationProperty", "ReferentialConstraint", "EntityContainer", "EntitySet", "Annotation",
  "Annotations", "PropertyValue", "Action", "Function", "Parameter", "ActionImport", "FunctionImport",
  "Singleton", "NavigationPropertyBinding", "Record", "Reference", "Include",
]);

const primitives = new Set<string>([
  "Edm.String", "Edm.Guid", "Edm.Boolean", "Edm.Int32", "Edm.Int64", "Edm.Decimal", "Edm.Double",
  "Edm.Date", "Edm.DateTimeOffset", "Edm.TimeOfDay", "Edm.Duration", "Edm.Binary", "Edm.Stream",
]);

type Node = Record<string, unknown>;

const list = (node: Node | undefined, key: string): Node[] => (node?.[key] as Node[] | undefined) ?? [];
const attr = (node: Node, key: string): string | undefined => {
  const value = node[key];
  return typeof value === "string" ? value : undefined;
};
const required = (node: Node, key: string, where: string): string => {
  const value = attr(node, key);
  if (value === undefined) throw new MetadataError(`${where} has no ${key} attribute`);
  return value;
};

/**
 * Parses a real BC `$metadata` document (API v1/v2, automation, ODataV4) into an EdmModel.
 * Unknown vocabulary terms are ignored: BC uses Capabilities/Core terms without `edmx:Reference`.
 */
export function parseMetadata(document: string): EdmModel {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    removeNSPrefix: true,
    parseAttributeValue: false,
    parseTagValue: false,
    isArray: (name, _path, _leaf, isAttribute) => !isAttribute && repeated.has(name),
  });
  const root = parser.parse(document) as Node;
  const edmx = root["Edmx"] as Node | undefined;
  const dataServices = edmx?.["DataServices"] as Node | undefined;
  if (!dataServices) throw new MetadataError("not an EDMX document (no Edmx/DataServices)");
  const schemas = list(dataServices, "Schema");
  if (schemas.length === 0) throw new MetadataError("EDMX document has no Schema");

  const aliases = new Map<string, string>();
  for (const schema of schemas) {
    const alias = attr(schema, "Alias");
    if (alias) aliases.set(alias, required(schema, "Namespace", "Schema"));
  }
  const qualify = (name: string): string => {
    const dot = name.lastIndexOf(".");
    if (dot < 0) return name;
    const ns = aliases.get(name.slice(0, dot));
    return ns ? `${ns}.${name.slice(dot + 1)}` : name;
  };

  const enumTypes = new Map<string, EdmEnumType>();
  const complexTypes = new Set<string>();
  const rawEntityTypes: { ns: string; node: Node }[] = [];
  const boundActions: EdmBoundAction[] = [];
  const entitySets = new Map<string, EdmEntitySet>();
  const setCapabilityNodes = new Map<string, Node[]>();
  let containerName = "";

  for (const schema of schemas) {
    const ns = required(schema, "Namespace", "Schema");
    for (const e of list(schema, "EnumType")) {
      const qualifiedName = `${ns}.${required(e, "Name", "EnumType")}`;
      let next = 0;
      const members = list(e, "Member").map((m) => {
        const raw = attr(m, "Value");
        const value = raw === undefined ? next : Number(raw);
        next = value + 1;
        return { name: required(m, "Name", qualifiedName), value };
      });
      enumTypes.set(qualifiedName, { qualifiedName, members });
    }
    for (const c of list(schema, "ComplexType")) complexTypes.add(`${ns}.${required(c, "Name", "ComplexType")}`);
    for (const t of list(schema, "EntityType")) rawEntityTypes.push({ ns, node: t });
    for (const a of list(schema, "Action")) {
      if (attr(a, "IsBound") !== "true") continue;
      const name = required(a, "Name", "Action");
      const binding = list(a, "Parameter")[0];
      if (!binding) continue;
      const { name: bindingType, collection } = splitCollection(qualify(required(binding, "Type", name)));
      boundActions.push({ name, qualifiedName: `${ns}.${name}`, bindingType, bindingCollection: collection });
    }
    for (const container of list(schema, "EntityContainer")) {
      containerName = required(container, "Name", "EntityContainer");
      for (const s of list(container, "EntitySet")) {
        const name = required(s, "Name", "EntitySet");
        entitySets.set(name, { name, entityType: qualify(required(s, "EntityType", name)), capabilities: allAllowed });
        setCapabilityNodes.set(name, list(s, "Annotation"));
      }
    }
    // Out-of-line annotations on sets: <Annotations Target="NAV.Container/SetName">
    for (const block of list(schema, "Annotations")) {
      const target = attr(block, "Target") ?? "";
      const slash = target.indexOf("/");
      if (slash < 0) continue;
      const setName = target.slice(slash + 1);
      if (!setCapabilityNodes.has(setName)) continue;
      setCapabilityNodes.get(setName)!.push(...list(block, "Annotation"));
    }
  }

  const resolveType = (typeName: string): EdmPropertyType => {
    const { name, collection } = splitCollection(qualify(typeName));
    if (!collection && primitives.has(name)) return { kind: "primitive", name: name as EdmPrimitive };
    if (!collection && enumTypes.has(name)) return { kind: "enum", name };
    if (complexTypes.has(name)) return { kind: "complex", name, collection };
    return { kind: "other", name, collection };
  };

  const entityTypes = new Map<string, EdmEntityType>();
  for (const { ns, node } of rawEntityTypes) {
    const name = required(node, "Name", "EntityType");
    const qualifiedName = `${ns}.${name}`;
    const keys = list(node, "Key").flatMap((k) => list(k, "PropertyRef").map((r) => required(r, "Name", `${qualifiedName} key`)));
    const properties = new Map<string, EdmProperty>();
    for (const p of list(node, "Property")) {
      const propName = required(p, "Name", qualifiedName);
      const maxLength = attr(p, "MaxLength");
      properties.set(propName, {
        name: propName,
        type: resolveType(required(p, "Type", `${qualifiedName}/${propName}`)),
        nullable: attr(p, "Nullable") !== "false",
        maxLength: maxLength && /^\d+$/.test(maxLength) ? Number(maxLength) : undefined,
      });
    }
    const navigation = new Map<string, EdmNavigationProperty>();
    for (const n of list(node, "NavigationProperty")) {
      const navName = required(n, "Name", qualifiedName);
      const { name: target, collection } = splitCollection(qualify(required(n, "Type", `${qualifiedName}/${navName}`)));
      navigation.set(navName, {
        name: navName,
        target,
        collection,
        containsTarget: attr(n, "ContainsTarget") === "true",
        partner: attr(n, "Partner"),
        constraints: list(n, "ReferentialConstraint").map((c) => ({
          property: required(c, "Property", navName),
          referencedProperty: required(c, "ReferencedProperty", navName),
        })),
      });
    }
    entityTypes.set(qualifiedName, { qualifiedName, name, keys, properties, navigation });
  }

  for (const [name, set] of entitySets) {
    if (!entityTypes.has(set.entityType)) throw new MetadataError(`EntitySet ${name} refers to unknown type ${set.entityType}`);
    entitySets.set(name, { ...set, capabilities: readCapabilities(setCapabilityNodes.get(name) ?? []) });
  }
  if (!containerName) throw new MetadataError("EDMX document has no EntityContainer");

  return {
    document,
    namespaces: schemas.map((s) => required(s, "Namespace", "Schema")),
    containerName,
    entityTypes,
    entitySets,
    enumTypes,
    complexTypes,
    boundActions,
  };
}

const allAllowed: EdmCapabilities = { insertable: true, updatable: true, deletable: true };

function splitCollection(type: string): { name: string; collection: boolean } {
  const m = /^Collection\((.+)\)$/.exec(type);
  return m ? { name: m[1]!, collection: true } : { name: type, collection: false };
}

function readCapabilities(annotations: readonly Node[]): EdmCapabilities {
  // A set without restriction records allows everything (OData default), e.g. entityDefinitions.
  const flag = (term: string, property: string): boolean => {
    const annotation = annotations.find((a) => attr(a, "Term") === `Org.OData.Capabilities.V1.${term}`);
    const record = annotation ? list(annotation, "Record")[0] : undefined;
    const value = record ? list(record, "PropertyValue").find((p) => attr(p, "Property") === property) : undefined;
    return value ? attr(value, "Bool") !== "false" : true;
  };
  return {
    insertable: flag("InsertRestrictions", "Insertable"),
    updatable: flag("UpdateRestrictions", "Updatable"),
    deletable: flag("DeleteRestrictions", "Deletable"),
  };
}
