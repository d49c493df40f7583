import type { StatementStructures } from "ts-morph";
import { StructureKind } from "../emit/structure-kind.js";
import { exportText, importText } from "./import-text.js";
import { interfaceText, typeAliasText } from "./interface-text.js";

/**
 * The statements with each interface, import, export and type alias that `interfaceText`,
 * `importText`, `exportText` and `typeAliasText` can print replaced by its text. An interface's
 * text comes after a line break: ts-morph puts a blank line before an interface statement unless
 * it is the first in the file (here the banner always is), and `printFiles` folds repeated blank
 * lines into one. The others get no blank line, as from ts-morph.
 */
export function structuresAsText(statements: readonly (string | StatementStructures)[]): (string | StatementStructures)[] {
  return statements.map((statement) => {
    if (typeof statement === "string") return statement;
    if (statement.kind === StructureKind.Interface) {
      const text = interfaceText(statement);
      return text === undefined ? statement : `\n${text}`;
    }
    switch (statement.kind) {
      case StructureKind.ImportDeclaration:
        return importText(statement) ?? statement;
      case StructureKind.ExportDeclaration:
        return exportText(statement) ?? statement;
      case StructureKind.TypeAlias:
        return typeAliasText(statement) ?? statement;
      default:
        return statement;
    }
  });
}
