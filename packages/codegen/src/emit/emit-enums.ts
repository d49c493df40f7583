import { StructureKind } from "./structure-kind.js";
import type { StatementStructures } from "ts-morph";
import type { EdmEnumType } from "../model/edm-model.js";
import { decodeXmlName } from "../model/names.js";
import { constStatement } from "./const-statement.js";
import { moduleStatements, type EmittedFile } from "./emitted-file.js";
import { docComment, identifier, propertyKey, stringLiteral } from "./literals.js";

/**
 * `enums.ts`: each EnumType as a const object (readable key → raw wire value) plus the union of wire values.
 *
 * @example
 * export const ItemType = { Inventory: "Inventory", Non_Inventory: "Non_x002D_Inventory" } as const;
 * export type ItemType = (typeof ItemType)[keyof typeof ItemType];
 */
export function emitEnums(enums: readonly EdmEnumType[]): EmittedFile {
  const statements = enums.flatMap((e): (string | StatementStructures)[] => [
    constStatement(e.name, `${memberObject(e)} as const`, `${e.qualifiedName}. Values are the raw wire names; keys are decoded captions.`),
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: identifier(e.name),
      type: e.members.length === 0 ? "never" : `(typeof ${e.name})[keyof typeof ${e.name}]`,
    },
  ]);
  return { kind: "typescript", fileName: "enums.ts", statements: moduleStatements(statements) };
}

function memberObject(e: EdmEnumType): string {
  if (e.members.length === 0) return "{}";
  const lines = e.members.map((m) => {
    const caption = decodeXmlName(m.wireName);
    return `  ${docComment(`${caption.trim() === "" ? "(blank)" : caption} = ${m.value}`)}\n  ${propertyKey(m.key)}: ${stringLiteral(m.wireName)},`;
  });
  return `{\n${lines.join("\n")}\n}`;
}
