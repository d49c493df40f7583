import type { CsdlAnnotation, CsdlAnnotationValue } from "./csdl-document.js";
import { gateName } from "./name-gate.js";
import { attrOf, childrenOf, requiredAttr, textOf, type XmlNode } from "./xml-node.js";

/** `<Annotation>` children of an element. Unknown terms are read like any other: structurally, never fatally. */
export function readAnnotations(node: XmlNode): CsdlAnnotation[] {
  return childrenOf(node, "Annotation").map((annotation) => ({
    term: gateName(requiredAttr(annotation, "Term"), "qualifiedName", annotation.source, annotation.path, "Term"),
    qualifier: optional(annotation, "Qualifier"),
    value: readValue(annotation),
  }));
}

const INLINE_ATTRIBUTES = [
  ["Bool", "bool"],
  ["String", "string"],
  ["Int", "int"],
  ["Decimal", "int"],
  ["EnumMember", "enumMember"],
  ["Path", "path"],
  ["PropertyPath", "path"],
  ["NavigationPropertyPath", "path"],
] as const;

function readValue(node: XmlNode): CsdlAnnotationValue {
  // Most annotations carry one inline attribute: look the names up in the attribute object first
  // (attrOf validates and decodes the one found). ODataV4 has ~40,000 annotations; trying attrOf and
  // childrenOf for all eight names each was the largest cost of reading it.
  const attrs = node.raw["$attrs"];
  const plainAttrs = typeof attrs === "object" && attrs !== null ? (attrs as Record<string, unknown>) : undefined;
  // Indexed loops: run once per annotation, mostly before V8 optimises them, where `for…of` with
  // destructuring goes through the iterator protocol.
  for (let i = 0; i < INLINE_ATTRIBUTES.length; i++) {
    const entry = INLINE_ATTRIBUTES[i]!;
    if (plainAttrs !== undefined && plainAttrs[entry[0]] === undefined) continue;
    const value = attrOf(node, entry[0]);
    if (value !== undefined) return inline(entry[1], value);
  }
  for (let i = 0; i < INLINE_ATTRIBUTES.length; i++) {
    const entry = INLINE_ATTRIBUTES[i]!;
    if (node.raw[entry[0]] === undefined) continue;
    const child = childrenOf(node, entry[0])[0];
    if (child) return inline(entry[1], textOf(child).trim());
  }
  const [record] = childrenOf(node, "Record");
  if (record) {
    return {
      kind: "record",
      properties: childrenOf(record, "PropertyValue").map((pv) => ({ property: requiredAttr(pv, "Property"), value: readValue(pv) })),
    };
  }
  const [collection] = childrenOf(node, "Collection");
  if (collection) {
    const items: CsdlAnnotationValue[] = [];
    for (const [element, kind] of INLINE_ATTRIBUTES) {
      for (const child of childrenOf(collection, element)) items.push(inline(kind, textOf(child).trim()));
    }
    for (const child of childrenOf(collection, "Record")) items.push(readValue({ ...child, raw: { Record: child.raw } }));
    return { kind: "collection", items };
  }
  return { kind: "none" };
}

function inline(kind: (typeof INLINE_ATTRIBUTES)[number][1], value: string): CsdlAnnotationValue {
  switch (kind) {
    case "bool":
      return { kind, value: value === "true" };
    case "string":
    case "int":
    case "enumMember":
    case "path":
      return { kind, value };
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

function optional(node: XmlNode, attribute: string): string | undefined {
  const value = attrOf(node, attribute);
  return value === undefined ? undefined : gateName(value, "simpleIdentifier", node.source, node.path, attribute);
}
