import { StructureKind } from "./structure-kind.js";
import type { InterfaceDeclarationStructure, PropertySignatureStructure } from "ts-morph";
import type { EdmEntityType, EdmProperty } from "../model/edm-model.js";
import type { EmitContext } from "./emit-context.js";
import type { ImportSet } from "./import-set.js";
import { docText, identifier, propertyKey, stringLiteral } from "./literals.js";
import { tsType } from "./ts-type.js";

/** `Customer` (read shape), `CustomerCreate` (POST body) and `CustomerUpdate` (PATCH body). */
export function emitEntityInterfaces(type: EdmEntityType, context: EmitContext, imports: ImportSet): InterfaceDeclarationStructure[] {
  const sets = context.model.entitySets.filter((s) => s.entityType === type.qualifiedName).map((s) => s.wireName);
  const streams = type.properties.filter(isStream);
  const read: PropertySignatureStructure[] = [
    ...type.properties.filter((p) => !isStream(p)).map((p): PropertySignatureStructure => ({
      kind: StructureKind.PropertySignature,
      name: propertyKey(p.wireName),
      isReadonly: true,
      type: tsType(p, "read", context, imports),
      docs: [propertyDoc(p)],
    })),
    ...streams.map((p): PropertySignatureStructure => ({
      kind: StructureKind.PropertySignature,
      name: stringLiteral(`${p.wireName}@odata.mediaReadLink`),
      isReadonly: true,
      hasQuestionToken: true,
      type: "string",
      docs: [`Link to the \`${docText(p.wireName)}\` stream (Edm.Stream); download it through the set's stream methods.`],
    })),
    { kind: StructureKind.PropertySignature, name: stringLiteral("@odata.etag"), isReadonly: true, hasQuestionToken: true, type: "string", docs: ["ETag sent back as If-Match on update and delete."] },
  ];
  const create: PropertySignatureStructure[] = [
    ...type.properties.filter((p) => p.writableOnCreate).map((p) => input(p, context, imports)),
    ...type.navigation.filter((n) => n.deepInsert).map((n): PropertySignatureStructure => ({
      kind: StructureKind.PropertySignature,
      name: propertyKey(n.wireName),
      hasQuestionToken: true,
      type: `${imports.add("./registry.js", "ModelOf", true)}<${stringLiteral(n.targetType)}>["create"][]`,
      docs: ["Deep insert: lines created together with the document."],
    })),
  ];
  const update = type.properties.filter((p) => p.writableOnUpdate).map((p) => input(p, context, imports));
  const title = `${docText(type.wireName)} (${docText(type.qualifiedName)})`;
  const setText = sets.length > 0 ? ` Entity sets: ${sets.map(docText).join(", ")}.` : " No entity set: reached through navigation only.";
  return [
    interfaceOf(type.names.read, read, `${title}.${setText}${type.caption ? ` ${docText(type.caption)}` : ""}`),
    interfaceOf(type.names.create, create, `POST body for ${title}. Keys such as a server-generated \`id\` are optional; BC fills defaults.`),
    interfaceOf(type.names.update, update, `PATCH body for ${title}. Keys and read-only fields are left out.`),
  ];
}

function interfaceOf(name: string, properties: PropertySignatureStructure[], doc: string): InterfaceDeclarationStructure {
  return { kind: StructureKind.Interface, name: identifier(name), isExported: true, properties, docs: [docText(doc)] };
}

function input(p: EdmProperty, context: EmitContext, imports: ImportSet): PropertySignatureStructure {
  return { kind: StructureKind.PropertySignature, name: propertyKey(p.wireName), hasQuestionToken: true, type: tsType(p, "input", context, imports) };
}

export function isStream(p: EdmProperty): boolean {
  return p.type.kind === "primitive" && p.type.name === "Edm.Stream";
}

function propertyDoc(p: EdmProperty): string {
  const edm = p.type.kind === "primitive" ? p.type.name : p.type.qualifiedName;
  const parts = [
    p.isKey ? "Key." : "",
    `${p.collection ? `Collection(${edm})` : edm}${p.maxLength !== undefined ? `, max length ${p.maxLength}` : ""}.`,
    p.caption !== undefined ? `Caption: ${p.caption}.` : "",
    p.languageDependent ? "Localized option text (IsLanguageDependent): values differ by language, so this is a string, not an enum." : "",
    !p.writableOnCreate && !p.writableOnUpdate ? "Read-only." : "",
  ];
  return docText(parts.filter((x) => x !== "").join(" "));
}
