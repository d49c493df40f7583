import { readFileSync } from "node:fs";
import { XMLParser } from "fast-xml-parser";

/** What a $metadata document declares that a generator may keep or lose. */
export interface MetadataInventory {
  /** entity types by short name (e.g. "customer") with their namespace */
  readonly entityTypes: readonly { readonly namespace: string; readonly name: string }[];
  /** entity set name(s) per entity type short name */
  readonly setsByType: ReadonlyMap<string, readonly string[]>;
  readonly navigationProperties: readonly { readonly owner: string; readonly name: string; readonly target: string }[];
  readonly boundActions: readonly { readonly binding: string; readonly name: string; readonly kind: "Action" | "Function" }[];
  readonly streamProperties: readonly { readonly owner: string; readonly name: string }[];
  readonly enumTypes: readonly { readonly name: string }[];
}

type Node = Record<string, unknown>;
const arrays = new Set(["Schema", "EntityType", "EnumType", "ComplexType", "Property", "NavigationProperty", "Action", "Function", "Parameter", "EntitySet", "Member"]);

/** Parses the document once (fast-xml-parser) and lists every counted feature with its owner. */
export function readMetadataInventory(file: string): MetadataInventory {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    removeNSPrefix: true,
    isArray: (name) => arrays.has(name),
  });
  const doc = parser.parse(readFileSync(file, "utf8")) as Node;
  const schemas = ((doc["Edmx"] as Node)["DataServices"] as Node)["Schema"] as Node[];
  const entityTypes: { namespace: string; name: string }[] = [];
  const navigationProperties: { owner: string; name: string; target: string }[] = [];
  const boundActions: { binding: string; name: string; kind: "Action" | "Function" }[] = [];
  const streamProperties: { owner: string; name: string }[] = [];
  const enumTypes: { name: string }[] = [];
  const setsByType = new Map<string, string[]>();
  for (const schema of schemas) {
    const namespace = String(schema["Namespace"]);
    for (const et of list(schema["EntityType"])) {
      const owner = String(et["Name"]);
      entityTypes.push({ namespace, name: owner });
      for (const p of list(et["Property"])) {
        if (p["Type"] === "Edm.Stream") streamProperties.push({ owner, name: String(p["Name"]) });
      }
      for (const n of list(et["NavigationProperty"])) {
        navigationProperties.push({ owner, name: String(n["Name"]), target: shortName(String(n["Type"])) });
      }
    }
    for (const en of list(schema["EnumType"])) enumTypes.push({ name: String(en["Name"]) });
    for (const kind of ["Action", "Function"] as const) {
      for (const op of list(schema[kind])) {
        if (String(op["IsBound"]) !== "true") continue;
        const binding = list(op["Parameter"])[0];
        if (binding) boundActions.push({ binding: shortName(String(binding["Type"])), name: String(op["Name"]), kind });
      }
    }
    const container = schema["EntityContainer"] as Node | undefined;
    for (const set of list(container?.["EntitySet"])) {
      const type = shortName(String(set["EntityType"]));
      setsByType.set(type, [...(setsByType.get(type) ?? []), String(set["Name"])]);
    }
  }
  return { entityTypes, setsByType, navigationProperties, boundActions, streamProperties, enumTypes };
}

function list(value: unknown): Node[] {
  return Array.isArray(value) ? (value as Node[]) : value ? [value as Node] : [];
}

/** "Collection(Microsoft.NAV.customer)" → "customer" */
export function shortName(qualified: string): string {
  const inner = /^Collection\((.*)\)$/.exec(qualified)?.[1] ?? qualified;
  return inner.slice(inner.lastIndexOf(".") + 1);
}
