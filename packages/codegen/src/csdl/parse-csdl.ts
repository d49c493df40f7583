import { createRequire } from "node:module";
import type * as FastXmlParser from "fast-xml-parser";
import type {
  CsdlComplexType,
  CsdlDocument,
  CsdlEntityContainer,
  CsdlEntityType,
  CsdlEnumType,
  CsdlNavigationProperty,
  CsdlOperation,
  CsdlProperty,
  CsdlSchema,
} from "./csdl-document.js";
import { CsdlParseError } from "./csdl-parse-error.js";
import { gateName, printable, type NameRule } from "./name-gate.js";
import { readAnnotations } from "./read-annotations.js";
import { scanXml } from "./scan-xml.js";
import { attrOf, boolAttr, childOf, childrenOf, requiredAttr, xmlNode, type XmlNode } from "./xml-node.js";
import { firstNonXmlChar } from "./xml-text.js";

export interface ParseCsdlOptions {
  /** Name used in error messages and banners, e.g. the file name. */
  readonly source: string;
  /** Documents above this many bytes are rejected before parsing. */
  readonly maxBytes: number;
}

// Elements that may repeat; everything else is parsed as a single child.
export const REPEATED: ReadonlySet<string> = new Set([
  "Reference", "Include", "Schema", "EntityType", "ComplexType", "EnumType", "Member", "Property", "NavigationProperty",
  "PropertyRef", "ReferentialConstraint", "Action", "Function", "Parameter", "EntitySet", "Singleton", "ActionImport",
  "FunctionImport", "NavigationPropertyBinding", "Annotation", "Annotations", "PropertyValue", "Record", "Collection",
  "String", "EnumMember", "Bool", "Int", "Decimal", "Path", "PropertyPath", "NavigationPropertyPath", "Term", "TypeDefinition",
]);

/**
 * Reads an OData v4 `$metadata` document (pretty-printed or minified) into CSDL structures.
 * Rejects, with a `CsdlParseError` naming the location: oversized input, DTDs (entity-expansion bombs),
 * malformed or truncated XML, a root that is not `edmx:Edmx`, versions other than 4.0x, and any name
 * that breaks the CSDL identifier rules (`name-gate.ts`). Character references are decoded.
 *
 * @example
 * const doc = parseCsdl(xml, { source: "api-v2.0.xml", maxBytes: 32 * 1024 * 1024 });
 * doc.schemas[0]?.namespace; // "Microsoft.NAV"
 */
export function parseCsdl(xml: string, options: ParseCsdlOptions): CsdlDocument {
  const { source } = options;
  const bytes = Buffer.byteLength(xml, "utf8");
  if (bytes > options.maxBytes) {
    throw new CsdlParseError(source, "byte 0", `a document of at most ${options.maxBytes} bytes`, `${bytes} bytes`, "Raise the route option maxBytes if the document is genuine.");
  }
  const head = xml.slice(0, 512).trimStart();
  if (!head.startsWith("<")) {
    throw new CsdlParseError(source, "line 1, column 1", "an XML document starting with '<'", JSON.stringify(head.slice(0, 40)), "The endpoint probably returned an error page or JSON, not $metadata.");
  }
  const dtd = /<!DOCTYPE|<!ENTITY/i.exec(xml);
  if (dtd) {
    throw new CsdlParseError(source, at(xml, dtd.index), "no DTD (BC never sends one)", dtd[0], "DTDs and entity declarations are refused so that entity-expansion bombs cannot run.");
  }
  const invalid = firstNonXmlChar(xml);
  if (invalid >= 0) {
    throw new CsdlParseError(source, at(xml, invalid), "only characters XML allows", printable(xml.slice(invalid, invalid + 1)), "Control characters and lone surrogates cannot appear in an XML document; it was altered or mis-decoded.");
  }
  const tree = xmlTree(xml, source);
  const root = xmlNode(tree, "", source);
  const edmx = childOf(root, "Edmx");
  if (!edmx) {
    throw new CsdlParseError(source, "root element", "<edmx:Edmx>", Object.keys(root.raw).filter((k) => k !== "?xml").map((k) => `<${k}>`).join(", ") || "nothing", "This is XML but not an OData EDMX document.");
  }
  const version = requiredAttr(edmx, "Version");
  if (!/^4\.0\d*$/.test(version)) {
    throw new CsdlParseError(source, edmx.path, `OData version 4.0 (Version="4.0")`, `Version="${version}"`, "Business Central serves OData v4 metadata; OData v2/v3 documents are not supported.");
  }
  const dataServices = childOf(edmx, "DataServices");
  if (!dataServices) throw new CsdlParseError(source, edmx.path, "<edmx:DataServices>", "none", "The document may be truncated.");
  const schemas = childrenOf(dataServices, "Schema").map(readSchema);
  if (schemas.length === 0) throw new CsdlParseError(source, dataServices.path, "at least one <Schema>", "none");
  return { version, schemas };
}

/**
 * The element tree: from `scanXml` when the document is plain XML (BC's always is), otherwise from
 * fast-xml-parser's validator and parser, whose errors locate what is wrong. `scanner: false`
 * forces the second path (tests compare both).
 */
export function xmlTree(xml: string, source: string, options: { readonly scanner?: boolean } = {}): unknown {
  const scanned = options.scanner === false ? undefined : scanXml(xml, REPEATED);
  if (scanned !== undefined) return scanned;
  // Loaded only for documents the scanner leaves to it (required: its CommonJS build loads in a
  // third of the time of its ES module, and the plain path never needs it).
  const { XMLParser, XMLValidator } = createRequire(import.meta.url)("fast-xml-parser") as typeof FastXmlParser;
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new CsdlParseError(source, `line ${valid.err.line}, column ${valid.err.col}`, "well-formed XML", valid.err.msg, "The document may be truncated; fetch it again.");
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    attributesGroupName: "$attrs",
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    // References are decoded by attrOf/textOf in one pass (xml-text.ts): the parser's own decoding
    // runs `&amp;` first and leaves character references, so `caf&#233;` stayed undecoded.
    processEntities: false,
    htmlEntities: false,
    isArray: (name) => REPEATED.has(name),
  });
  return parser.parse(xml) as unknown;
}

function at(text: string, index: number): string {
  const before = text.slice(0, index);
  const line = before.split("\n").length;
  return `line ${line}, column ${index - before.lastIndexOf("\n")}`;
}

function readSchema(node: XmlNode): CsdlSchema {
  const container = childOf(node, "EntityContainer");
  unique(node, ["EntityType", "ComplexType", "EnumType"]);
  return {
    namespace: name(node, "Namespace", "qualifiedName"),
    alias: optionalName(node, "Alias", "simpleIdentifier"),
    entityTypes: childrenOf(node, "EntityType").map(readEntityType),
    complexTypes: childrenOf(node, "ComplexType").map(readComplexType),
    enumTypes: childrenOf(node, "EnumType").map(readEnumType),
    actions: childrenOf(node, "Action").map((n) => readOperation(n, "action")),
    functions: childrenOf(node, "Function").map((n) => readOperation(n, "function")),
    entityContainer: container ? readContainer(container) : undefined,
    annotations: childrenOf(node, "Annotations").map((n) => ({ target: requiredAttr(n, "Target"), annotations: readAnnotations(n) })),
  };
}

function readEntityType(node: XmlNode): CsdlEntityType {
  const key = childOf(node, "Key");
  unique(node, ["Property", "NavigationProperty"]);
  return {
    name: name(node, "Name", "simpleIdentifier"),
    baseType: optionalName(node, "BaseType", "qualifiedName"),
    abstract: boolAttr(node, "Abstract", false),
    key: key ? childrenOf(key, "PropertyRef").map((ref) => name(ref, "Name", "simpleIdentifier")) : [],
    properties: childrenOf(node, "Property").map(readProperty),
    navigationProperties: childrenOf(node, "NavigationProperty").map(readNavigation),
    annotations: readAnnotations(node),
  };
}

function readComplexType(node: XmlNode): CsdlComplexType {
  unique(node, ["Property", "NavigationProperty"]);
  return {
    name: name(node, "Name", "simpleIdentifier"),
    baseType: optionalName(node, "BaseType", "qualifiedName"),
    properties: childrenOf(node, "Property").map(readProperty),
    navigationProperties: childrenOf(node, "NavigationProperty").map(readNavigation),
    annotations: readAnnotations(node),
  };
}

function readProperty(node: XmlNode): CsdlProperty {
  return {
    name: name(node, "Name", "simpleIdentifier"),
    type: name(node, "Type", "typeReference"),
    nullable: boolAttr(node, "Nullable", true),
    maxLength: facet(node, "MaxLength", /^(?:[0-9]{1,10}|max)$/i),
    precision: facet(node, "Precision", /^[0-9]{1,10}$/),
    scale: facet(node, "Scale", /^(?:[0-9]{1,10}|variable|floating)$/i),
    annotations: readAnnotations(node),
  };
}

function readNavigation(node: XmlNode): CsdlNavigationProperty {
  return {
    name: name(node, "Name", "simpleIdentifier"),
    type: name(node, "Type", "typeReference"),
    nullable: boolAttr(node, "Nullable", true),
    partner: optionalName(node, "Partner", "path"),
    containsTarget: boolAttr(node, "ContainsTarget", false),
    referentialConstraints: childrenOf(node, "ReferentialConstraint").map((rc) => ({
      property: name(rc, "Property", "path"),
      referencedProperty: name(rc, "ReferencedProperty", "path"),
    })),
    annotations: readAnnotations(node),
  };
}

function readEnumType(node: XmlNode): CsdlEnumType {
  return {
    name: name(node, "Name", "simpleIdentifier"),
    underlyingType: optionalName(node, "UnderlyingType", "qualifiedName"),
    isFlags: boolAttr(node, "IsFlags", false),
    members: childrenOf(node, "Member").map((m) => ({ name: name(m, "Name", "enumMember"), value: facet(m, "Value", /^-?[0-9]{1,19}$/), annotations: readAnnotations(m) })),
    annotations: readAnnotations(node),
  };
}

function readOperation(node: XmlNode, kind: "action" | "function"): CsdlOperation {
  const returnType = childOf(node, "ReturnType");
  return {
    kind,
    name: name(node, "Name", "simpleIdentifier"),
    isBound: boolAttr(node, "IsBound", false),
    parameters: childrenOf(node, "Parameter").map((p) => ({ name: name(p, "Name", "simpleIdentifier"), type: name(p, "Type", "typeReference"), nullable: boolAttr(p, "Nullable", true) })),
    returnType: returnType ? { type: name(returnType, "Type", "typeReference"), nullable: boolAttr(returnType, "Nullable", true) } : undefined,
    annotations: readAnnotations(node),
  };
}

function readContainer(node: XmlNode): CsdlEntityContainer {
  unique(node, ["EntitySet", "Singleton", "ActionImport", "FunctionImport"]);
  return {
    name: name(node, "Name", "simpleIdentifier"),
    entitySets: childrenOf(node, "EntitySet").map((n) => ({ name: name(n, "Name", "simpleIdentifier"), entityType: name(n, "EntityType", "qualifiedName"), annotations: readAnnotations(n) })),
    singletons: childrenOf(node, "Singleton").map((n) => ({ name: name(n, "Name", "simpleIdentifier"), type: name(n, "Type", "qualifiedName") })),
    actionImports: childrenOf(node, "ActionImport").map((n) => ({ name: name(n, "Name", "simpleIdentifier"), action: name(n, "Action", "qualifiedName") })),
    functionImports: childrenOf(node, "FunctionImport").map((n) => ({ name: name(n, "Name", "simpleIdentifier"), function: name(n, "Function", "qualifiedName") })),
  };
}

/**
 * CSDL names are unique within their scope (a schema's types, a type's properties, a container's
 * children); a repeated one would become a duplicate declaration in generated code. Enum members and
 * operation overloads are exempt: the model stage keeps the first member, and overloads differ by binding.
 */
function unique(node: XmlNode, elements: readonly string[]): void {
  if (plainlyUnique(node, elements)) return;
  const seen = new Set<string>();
  for (const element of elements) {
    for (const child of childrenOf(node, element)) {
      const value = attrOf(child, "Name");
      if (value === undefined) continue;
      if (seen.has(value)) throw new CsdlParseError(node.source, child.path, `names unique among the ${elements.join(", ")} elements of ${node.path}`, `a second ${printable(value)}`);
      seen.add(value);
    }
  }
}

/**
 * The common case without building child nodes (their paths are only for errors): every child is an
 * element whose `Name`, if any, is plain text (no reference to decode), and no name repeats. Anything
 * else returns false and `unique` checks the slow way, with its error. Saved a second pass of
 * `childrenOf` over every type's properties.
 */
function plainlyUnique(node: XmlNode, elements: readonly string[]): boolean {
  const seen = new Set<string>();
  for (const element of elements) {
    const value = node.raw[element];
    if (value === undefined) continue;
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child === "") continue;
      if (typeof child !== "object" || child === null || Array.isArray(child)) return false;
      const attrs = (child as Record<string, unknown>)["$attrs"];
      if (attrs === undefined) continue;
      if (typeof attrs !== "object" || attrs === null) return false;
      const name = (attrs as Record<string, unknown>)["Name"];
      if (name === undefined) continue;
      if (typeof name !== "string" || name.includes("&") || seen.has(name)) return false;
      seen.add(name);
    }
  }
  return true;
}

/** A required name attribute, through the name gate. */
function name(node: XmlNode, attribute: string, rule: NameRule): string {
  return gateName(requiredAttr(node, attribute), rule, node.source, node.path, attribute);
}

function optionalName(node: XmlNode, attribute: string, rule: NameRule): string | undefined {
  const value = attrOf(node, attribute);
  return value === undefined ? undefined : gateName(value, rule, node.source, node.path, attribute);
}

/** A facet or value attribute (`MaxLength="20"`, `Scale="Variable"`, `Value="-1"`): its CSDL syntax or a `CsdlParseError`. */
function facet(node: XmlNode, attribute: string, pattern: RegExp): string | undefined {
  const value = attrOf(node, attribute);
  if (value === undefined || pattern.test(value)) return value;
  throw new CsdlParseError(node.source, `${node.path}/@${attribute}`, `${attribute} in CSDL syntax (${pattern.source})`, printable(value));
}
