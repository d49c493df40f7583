import { StructureKind } from "./structure-kind.js";
import type { StatementStructures } from "ts-morph";
import type { EdmComplexType } from "../model/edm-model.js";
import type { EmitContext } from "./emit-context.js";
import { moduleStatements, type EmittedFile } from "./emitted-file.js";
import { ImportSet } from "./import-set.js";
import { docText, identifier, propertyKey } from "./literals.js";
import { tsType } from "./ts-type.js";

/** `complex-types.ts`: one readonly interface per ComplexType (values are opaque to filters). */
export function emitComplexTypes(types: readonly EdmComplexType[], context: EmitContext): EmittedFile {
  const imports = new ImportSet("./complex-types.js");
  const statements: StatementStructures[] = types.map((t) => ({
    kind: StructureKind.Interface,
    name: identifier(t.name),
    isExported: true,
    docs: [`${docText(t.qualifiedName)} (complex type).`],
    properties: t.properties.map((p) => ({
      kind: StructureKind.PropertySignature,
      name: propertyKey(p.wireName),
      isReadonly: true,
      type: tsType(p, "read", context, imports),
    })),
  }));
  return { kind: "typescript", fileName: "complex-types.ts", statements: moduleStatements([...imports.structures(), ...statements]) };
}
