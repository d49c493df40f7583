import { StructureKind } from "./structure-kind.js";
import type { StatementStructures } from "ts-morph";
import { constStatement } from "./const-statement.js";
import type { EmitContext } from "./emit-context.js";
import { actionModel, operationDescriptor } from "./emit-entity-module.js";
import { moduleStatements, type EmittedFile } from "./emitted-file.js";
import { ImportSet } from "./import-set.js";
import { objectLiteral, propertyKey } from "./literals.js";

/**
 * `operations.ts`: unbound actions/functions (ODataV4 codeunit web services with ActionImports),
 * as runtime descriptors (`operations`) and their typed models (`Operations`).
 *
 * @example
 * operations.CompanySetupService_ConfigureCompany
 * // → POST {route}/CompanySetupService_ConfigureCompany?company=…  body { name, address, … } → boolean
 */
export function emitOperations(context: EmitContext): EmittedFile {
  const imports = new ImportSet("./operations.js");
  const ops = context.model.unboundOperations;
  const descriptor = imports.add(context.options.runtimeModule, "OperationDescriptor", true);
  const statements: (string | StatementStructures)[] = [
    {
      kind: StructureKind.Interface,
      name: "Operations",
      isExported: true,
      docs: ["Typed parameters and results of the route's unbound operations."],
      properties: ops.map((o) => ({ kind: StructureKind.PropertySignature, name: propertyKey(o.memberName), isReadonly: true, type: actionModel(o, context, imports) })),
    },
    // Typed by the models above, so `company.invoke("Name", params)` checks the name, params and result.
    constStatement(
      "operations",
      objectLiteral(ops.map((o) => [o.memberName, operationDescriptor(o)])),
      "Runtime descriptors of the route's unbound operations (`RouteDescriptor.operations`).",
      `{ readonly [K in keyof Operations]: ${descriptor}<Operations[K]> }`,
    ),
  ];
  return { kind: "typescript", fileName: "operations.ts", statements: moduleStatements([...imports.structures(), ...statements]) };
}
