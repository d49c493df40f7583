import { XMLParser, XMLValidator } from "fast-xml-parser";
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
import { readAnnotations } from "./read-annotations.js";
import { attrOf, boolAttr, childOf, childrenOf, requiredAttr, xmlNode, type XmlNode } from "./xml-node.js";

export interface ParseCsdlOptions {
  /** Name used in error messages and banners, e.g. the file name. */
  readonly source: string;
  /** Documents above this many bytes are rejected before parsing. */
  readonly maxBytes: number;
}

// Elements that may repeat; everything else is parsed as a single child.
const REPEATED = new Set([
  "Reference", "Include", "Schema", "EntityType", "ComplexType", "EnumType", "Member", "Property", "NavigationProperty",
  "PropertyRef", "ReferentialConstraint", "Action", "Function", "Parameter", "EntitySet", "Singleton", "ActionImport",
  "FunctionImport", "NavigationPropertyBinding", "Annotation", "Annotations", "PropertyValue", "Record", "Collection",
  "String", "EnumMember", "Bool", "Int", "Decimal", "Path", "PropertyPath", "NavigationPropertyPath", "Term", "TypeDefinition",
]);

/**
 * Reads an OData v4 `$metadata` document (pretty-printed or minified) into CSDL structures.
 * Rejects, with a `CsdlParseError` naming the location: oversized input, DTDs (entity-expansion bombs),
 * malformed or truncated XML, a root that is not `edmx:Edmx`, and versions other than 4.0x.
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
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => REPEATED.has(name),
  });
  const tree: unknown = parser.parse(xml);
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

function at(text: string, index: number): string {
  const before = text.slice(0, index);
  const line = before.split("\n").length;
  return `line ${line}, column ${index - before.lastIndexOf("\n")}`;
}

function readSchema(node: XmlNode): CsdlSchema {
  const container = childOf(node, "EntityContainer");
  return {
    namespace: requiredAttr(node, "Namespace"),
    alias: attrOf(node, "Alias"),
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
  return {
    name: requiredAttr(node, "Name"),
    baseType: attrOf(node, "BaseType"),
    abstract: boolAttr(node, "Abstract", false),
    key: key ? childrenOf(key, "PropertyRef").map((ref) => requiredAttr(ref, "Name")) : [],
    properties: childrenOf(node, "Property").map(readProperty),
    navigationProperties: childrenOf(node, "NavigationProperty").map(readNavigation),
    annotations: readAnnotations(node),
  };
}

function readComplexType(node: XmlNode): CsdlComplexType {
  return {
    name: requiredAttr(node, "Name"),
    baseType: attrOf(node, "BaseType"),
    properties: childrenOf(node, "Property").map(readProperty),
    navigationProperties: childrenOf(node, "NavigationProperty").map(readNavigation),
    annotations: readAnnotations(node),
  };
}

function readProperty(node: XmlNode): CsdlProperty {
  return {
    name: requiredAttr(node, "Name"),
    type: requiredAttr(node, "Type"),
    nullable: boolAttr(node, "Nullable", true),
    maxLength: attrOf(node, "MaxLength"),
    precision: attrOf(node, "Precision"),
    scale: attrOf(node, "Scale"),
    annotations: readAnnotations(node),
  };
}

function readNavigation(node: XmlNode): CsdlNavigationProperty {
  return {
    name: requiredAttr(node, "Name"),
    type: requiredAttr(node, "Type"),
    nullable: boolAttr(node, "Nullable", true),
    partner: attrOf(node, "Partner"),
    containsTarget: boolAttr(node, "ContainsTarget", false),
    referentialConstraints: childrenOf(node, "ReferentialConstraint").map((rc) => ({
      property: requiredAttr(rc, "Property"),
      referencedProperty: requiredAttr(rc, "ReferencedProperty"),
    })),
    annotations: readAnnotations(node),
  };
}

function readEnumType(node: XmlNode): CsdlEnumType {
  return {
    name: requiredAttr(node, "Name"),
    underlyingType: attrOf(node, "UnderlyingType"),
    isFlags: boolAttr(node, "IsFlags", false),
    members: childrenOf(node, "Member").map((m) => ({ name: requiredAttr(m, "Name"), value: attrOf(m, "Value"), annotations: readAnnotations(m) })),
    annotations: readAnnotations(node),
  };
}

function readOperation(node: XmlNode, kind: "action" | "function"): CsdlOperation {
  const returnType = childOf(node, "ReturnType");
  return {
    kind,
    name: requiredAttr(node, "Name"),
    isBound: boolAttr(node, "IsBound", false),
    parameters: childrenOf(node, "Parameter").map((p) => ({ name: requiredAttr(p, "Name"), type: requiredAttr(p, "Type"), nullable: boolAttr(p, "Nullable", true) })),
    returnType: returnType ? { type: requiredAttr(returnType, "Type"), nullable: boolAttr(returnType, "Nullable", true) } : undefined,
    annotations: readAnnotations(node),
  };
}

function readContainer(node: XmlNode): CsdlEntityContainer {
  return {
    name: requiredAttr(node, "Name"),
    entitySets: childrenOf(node, "EntitySet").map((n) => ({ name: requiredAttr(n, "Name"), entityType: requiredAttr(n, "EntityType"), annotations: readAnnotations(n) })),
    singletons: childrenOf(node, "Singleton").map((n) => ({ name: requiredAttr(n, "Name"), type: requiredAttr(n, "Type") })),
    actionImports: childrenOf(node, "ActionImport").map((n) => ({ name: requiredAttr(n, "Name"), action: requiredAttr(n, "Action") })),
    functionImports: childrenOf(node, "FunctionImport").map((n) => ({ name: requiredAttr(n, "Name"), function: requiredAttr(n, "Function") })),
  };
}
