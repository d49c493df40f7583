import type { EdmModel } from "../model/edm-model.js";
import { constStatement } from "./const-statement.js";
import type { EmittedFile } from "./emitted-file.js";
import { ImportSet } from "./import-set.js";
import { stringLiteral } from "./literals.js";

// The type-level twin of the runtime registry: each entity module adds itself by declaration merging,
// so navigation is typed by name and tsc loads only the modules a program imports.
const MODELS_DOC = `/**
 * Entity models of this route by qualified type name. Each entity module adds its own entry
 * (\`declare module "./registry.js"\`), so a program that imports three entity modules type-checks three.
 */
export interface Models {}

/** The model of a qualified type name; the untyped \`EntityModel\` when that type's module is not imported anywhere. */`;

/** `registry.ts`: `export const registry = createTypeRegistry("api/v2.0");` */
export function emitRegistry(model: EdmModel, runtimeModule: string): EmittedFile {
  const imports = new ImportSet("./registry.js");
  const create = imports.add(runtimeModule, "createTypeRegistry", false);
  const entityModel = imports.add(runtimeModule, "EntityModel", true);
  return {
    kind: "typescript",
    fileName: "registry.ts",
    statements: [
      ...imports.structures(),
      constStatement("registry", `${create}(${stringLiteral(model.routePath)})`, "Entity types of this route, registered as their modules load; navigation targets resolve here by qualified name."),
      MODELS_DOC,
      `export type ModelOf<TName extends string> = TName extends keyof Models ? Models[TName] : ${entityModel};`,
    ],
  };
}
