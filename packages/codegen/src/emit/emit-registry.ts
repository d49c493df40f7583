import type { EdmModel } from "../model/edm-model.js";
import { constStatement } from "./const-statement.js";
import type { EmittedFile } from "./emitted-file.js";
import { ImportSet } from "./import-set.js";
import { stringLiteral } from "./literals.js";

/** `registry.ts`: `export const registry = createTypeRegistry("api/v2.0");` */
export function emitRegistry(model: EdmModel, runtimeModule: string): EmittedFile {
  const imports = new ImportSet("./registry.js");
  const create = imports.add(runtimeModule, "createTypeRegistry", false);
  return {
    kind: "typescript",
    fileName: "registry.ts",
    statements: [
      ...imports.structures(),
      constStatement("registry", `${create}(${stringLiteral(model.routePath)})`, "Entity types of this route, registered as their modules load; navigation targets resolve here by qualified name."),
    ],
  };
}
