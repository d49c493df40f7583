import type { InterfaceDeclarationStructure, OptionalKind, PropertySignatureStructure, TypeAliasDeclarationStructure } from "ts-morph";
import { StructureKind } from "../emit/structure-kind.js";
import { oneLine, onlyKeys, plainCode } from "./plain-structure.js";

/**
 * The text ts-morph prints for an interface structure of the shape `emit/` writes, or `undefined`
 * for anything else (which ts-morph then prints). The shape: `name`, `isExported`, `extends`,
 * one-line `docs`, and property signatures with `name`, `isReadonly`, `hasQuestionToken`, a one-line
 * `type` and one-line `docs`:
 *
 * @example
 * interfaceText({ kind: StructureKind.Interface, name: "A", isExported: true, docs: ["An A."],
 *   properties: [{ kind: StructureKind.PropertySignature, name: "id", isReadonly: true, type: "string" }] });
 * // "/** An A. *\/\nexport interface A {\n  readonly id: string;\n}"
 *
 * Why: ts-morph's writer works character by character and makes a new writer for every property's
 * type and every doc comment (ODataV4: 15,000 writers); interfaces were ~85 % of printing the
 * TypeScript files (measured: ODataV4's files printed in 432 ms, without their interfaces in 60 ms).
 * Lines of one-line texts need none of that. A test compares the bytes with ts-morph's on every
 * fixture (`PrintOptions.structuresAsText: false`) and on edge cases.
 */
export function interfaceText(structure: InterfaceDeclarationStructure): string | undefined {
  if (!onlyKeys(structure, INTERFACE_KEYS) || !plainCode(structure.name) || (structure.isExported !== undefined && typeof structure.isExported !== "boolean")) return undefined;
  const docs = docLines(structure.docs, "");
  if (docs === undefined) return undefined;
  let head = `${docs}${structure.isExported === true ? "export " : ""}interface ${structure.name} `;
  if (structure.extends !== undefined) {
    if (!Array.isArray(structure.extends) || !structure.extends.every(plainCode)) return undefined;
    if (structure.extends.length > 0) head += `extends ${structure.extends.join(", ")} `;
  }
  const properties = structure.properties ?? [];
  if (!Array.isArray(properties)) return undefined;
  let body = "";
  for (const property of properties) {
    const line = propertyText(property);
    if (line === undefined) return undefined;
    body += line;
  }
  return `${head}{\n${body}}`;
}

/** `export type A = B;` (with one-line docs): ts-morph's text for a type alias of that shape, else `undefined`. */
export function typeAliasText(structure: TypeAliasDeclarationStructure): string | undefined {
  if (!onlyKeys(structure, TYPE_ALIAS_KEYS) || !plainCode(structure.name) || !plainCode(structure.type) || !optionalBoolean(structure.isExported)) return undefined;
  const docs = docLines(structure.docs, "");
  return docs === undefined ? undefined : `${docs}${structure.isExported === true ? "export " : ""}type ${structure.name} = ${structure.type};`;
}

const TYPE_ALIAS_KEYS: ReadonlySet<string> = new Set(["kind", "name", "isExported", "type", "docs"]);
const INTERFACE_KEYS: ReadonlySet<string> = new Set(["kind", "name", "isExported", "extends", "docs", "properties"]);
const PROPERTY_KEYS: ReadonlySet<string> = new Set(["kind", "name", "isReadonly", "hasQuestionToken", "type", "docs"]);

function propertyText(property: OptionalKind<PropertySignatureStructure>): string | undefined {
  if (typeof property !== "object" || property === null || property.kind !== StructureKind.PropertySignature || !onlyKeys(property, PROPERTY_KEYS)) return undefined;
  const { name, type, isReadonly, hasQuestionToken } = property;
  if (!plainCode(name) || !plainCode(type) || !optionalBoolean(isReadonly) || !optionalBoolean(hasQuestionToken)) return undefined;
  const docs = docLines(property.docs, "  ");
  if (docs === undefined) return undefined;
  return `${docs}  ${isReadonly === true ? "readonly " : ""}${name}${hasQuestionToken === true ? "?" : ""}: ${type};\n`;
}

/** `/** text *\/` lines, each followed by a newline and `indent` (ts-morph's JSDoc printer for one-line texts). */
function docLines(docs: InterfaceDeclarationStructure["docs"], indent: string): string | undefined {
  if (docs === undefined) return "";
  if (!Array.isArray(docs)) return undefined;
  let out = "";
  for (const doc of docs) {
    // Leading or trailing white space changes ts-morph's spacing, and `*\/` would end the comment: left to it.
    if (!oneLine(doc) || doc.trim() !== doc || doc.includes("*/")) return undefined;
    out += `${indent}/** ${doc} */\n`;
  }
  return out;
}

function optionalBoolean(value: unknown): boolean {
  return value === undefined || typeof value === "boolean";
}
