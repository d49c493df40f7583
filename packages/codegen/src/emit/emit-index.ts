import { StructureKind } from "./structure-kind.js";
import type { StatementStructures } from "ts-morph";
import { compareStrings } from "../model/compare-strings.js";
import { constStatement } from "./const-statement.js";
import type { EmittedFile } from "./emitted-file.js";
import { ImportSet } from "./import-set.js";
import { objectLiteral, relativeModule, stringLiteral } from "./literals.js";
import { lookup, type EmitContext } from "./emit-context.js";
import { mapsValues } from "./conversion-table.js";

/**
 * `index.ts`: the route descriptor and re-exports.
 *
 * @example
 * export const apiV2_0 = defineRoute({ kind: "api", path: "api/v2.0", sets: { customers: customersSet, … }, operations: {} });
 */
export function emitIndex(context: EmitContext, modules: readonly string[]): EmittedFile {
  const { model } = context;
  const imports = new ImportSet("./index.js");
  const define = imports.add(context.options.runtimeModule, "defineRoute", false);
  const sets = model.entitySets.map((set): [string, string] => {
    const type = lookup(context.entityTypes, set.entityType);
    return [set.key, imports.add(relativeModule(type.names.file), set.constName, false)];
  });
  const operations = model.unboundOperations.length > 0 ? imports.add("./operations.js", "operations", false) : "{}";
  const route = constStatement(
    model.routeConst,
    `${define}(${objectLiteral([
      ["kind", stringLiteral(model.routeKind)],
      ["path", stringLiteral(model.routePath)],
      ["sets", objectLiteral(sets, "  ")],
      ["operations", operations],
      ...(mapsValues(context.options) ? [["codec", `${imports.add("./registry.js", "registry", false)}.codec`] as const] : []),
      // Business Central is the default: its routes stay as they were generated before dialects.
      ...(model.dialect === "odata" ? [["dialect", stringLiteral(model.dialect)] as const] : []),
    ])})`,
    `Route \`${model.routePath}\` (${model.routeKind}): ${model.entitySets.length} entity sets.`,
  );
  const reexports: StatementStructures[] = [...modules].sort(compareStrings).map((m) => ({
    kind: StructureKind.ExportDeclaration,
    moduleSpecifier: relativeModule(m),
  }));
  return { kind: "typescript", fileName: "index.ts", statements: [...imports.structures(), route, ...reexports] };
}
