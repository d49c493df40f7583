import type { StatementStructures } from "ts-morph";
import { StructureKind } from "../emit/structure-kind.js";
import { importText } from "./import-text.js";
import { interfaceText } from "./interface-text.js";

/**
 * The statements with each interface and import that `interfaceText` and `importText` can print
 * replaced by its text. An interface's text comes after a line break: ts-morph puts a blank line
 * before an interface statement unless it is the first in the file (here the banner always is), and
 * `printFiles` folds repeated blank lines into one. Imports get no blank line, as from ts-morph.
 */
export function structuresAsText(statements: readonly (string | StatementStructures)[]): (string | StatementStructures)[] {
  return statements.map((statement) => {
    if (typeof statement === "string") return statement;
    if (statement.kind === StructureKind.Interface) {
      const text = interfaceText(statement);
      return text === undefined ? statement : `\n${text}`;
    }
    if (statement.kind === StructureKind.ImportDeclaration) return importText(statement) ?? statement;
    return statement;
  });
}
