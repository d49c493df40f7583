import { CsdlParseError } from "./csdl-parse-error.js";
import { printable } from "./name-gate.js";
import { decodeXmlText } from "./xml-text.js";

/** One parsed XML element as fast-xml-parser returns it, narrowed from `unknown` on access. */
export interface XmlNode {
  readonly path: string;
  readonly source: string;
  readonly raw: Readonly<Record<string, unknown>>;
}

const ATTRS = "$attrs";

export function xmlNode(raw: unknown, path: string, source: string): XmlNode {
  if (typeof raw === "string" || raw === "" || raw === undefined || raw === null) {
    // An empty element (`<Key/>`) or a text-only element parses to a string.
    return { path, source, raw: typeof raw === "string" && raw !== "" ? { "#text": raw } : {} };
  }
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new CsdlParseError(source, path, "an element", describe(raw));
  }
  return { path, source, raw: raw as Record<string, unknown> };
}

export function attrOf(node: XmlNode, name: string): string | undefined {
  const attrs = node.raw[ATTRS];
  if (attrs === undefined) return undefined;
  if (typeof attrs !== "object" || attrs === null) throw new CsdlParseError(node.source, node.path, "attributes", describe(attrs));
  const value = (attrs as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new CsdlParseError(node.source, node.path, `attribute "${name}" as text`, describe(value));
  // The parser leaves references alone (processEntities: false): decoded here in one pass.
  return decodeXmlText(value, node.source, `${node.path}/@${name}`);
}

export function requiredAttr(node: XmlNode, name: string): string {
  const value = attrOf(node, name);
  if (value === undefined || value === "") throw new CsdlParseError(node.source, node.path, `attribute "${name}"`, "none");
  return value;
}

export function boolAttr(node: XmlNode, name: string, fallback: boolean): boolean {
  const value = attrOf(node, name);
  if (value === undefined) return fallback;
  if (value === "true") return true;
  if (value === "false") return false;
  throw new CsdlParseError(node.source, `${node.path}/@${name}`, `"true" or "false"`, JSON.stringify(value));
}

/** Child elements named `name`, each with a path such as `Schema[NAV]/EntityType[Customer]`. */
export function childrenOf(node: XmlNode, name: string): XmlNode[] {
  const value = node.raw[name];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((item, index) => plainChild(node, name, item) ?? labelledChild(node, name, item, index));
}

const PLAIN_LABEL = /^[\w.\-/()]{1,200}$/;

function labelledChild(node: XmlNode, name: string, item: unknown, index: number): XmlNode {
  const child = xmlNode(item, `${node.path}/${name}[${index}]`, node.source);
  const label = attrOf(child, "Name") ?? attrOf(child, "Term") ?? attrOf(child, "Target");
  // Paths end up in error messages and terminals: a label that is not plain is quoted and escaped.
  const shown = label === undefined ? undefined : PLAIN_LABEL.test(label) ? label : printable(label);
  return shown === undefined ? child : { ...child, path: `${node.path}/${name}[${shown}]` };
}

/**
 * `labelledChild`'s result for the common case, without its intermediate node and lookups: an element
 * whose label attribute is plain (nothing to decode or escape). Anything else is `undefined`.
 */
function plainChild(node: XmlNode, name: string, item: unknown): XmlNode | undefined {
  if (typeof item !== "object" || item === null || Array.isArray(item)) return undefined;
  const attrs = (item as Record<string, unknown>)[ATTRS];
  if (typeof attrs !== "object" || attrs === null) return undefined;
  const label = (attrs as Record<string, unknown>)["Name"] ?? (attrs as Record<string, unknown>)["Term"] ?? (attrs as Record<string, unknown>)["Target"];
  if (typeof label !== "string" || !PLAIN_LABEL.test(label)) return undefined;
  return { path: `${node.path}/${name}[${label}]`, source: node.source, raw: item as Record<string, unknown> };
}

export function childOf(node: XmlNode, name: string): XmlNode | undefined {
  const list = childrenOf(node, name);
  if (list.length > 1) throw new CsdlParseError(node.source, node.path, `at most one <${name}>`, `${list.length}`);
  return list[0];
}

export function textOf(node: XmlNode): string {
  const text = node.raw["#text"];
  if (text === undefined) return "";
  if (typeof text !== "string") throw new CsdlParseError(node.source, node.path, "text content", describe(text));
  return decodeXmlText(text, node.source, node.path);
}

export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "object") return `an element with children ${Object.keys(value).slice(0, 5).join(", ")}`;
  return `${typeof value} ${JSON.stringify(value).slice(0, 60)}`;
}
