import type { EdmModel } from "../model/edm-model.js";
import { constStatement } from "./const-statement.js";
import { conversionTable, mapsValues } from "./conversion-table.js";
import type { EmitOptions } from "./emit-options.js";
import type { EmittedFile } from "./emitted-file.js";
import { ImportSet } from "./import-set.js";
import { objectLiteral, stringLiteral } from "./literals.js";

// The type-level twin of the runtime registry: each entity module adds itself by declaration merging,
// so navigation is typed by name and tsc loads only the modules a program imports.
const MODELS_DOC = `/**
 * Entity models of this route by qualified type name. Each entity module adds its own entry
 * (\`declare module "./registry.js"\`), so a program that imports three entity modules type-checks three.
 */
export interface Models {}

/** The model of a qualified type name; the untyped \`EntityModel\` when that type's module is not imported anywhere. */`;

/**
 * `registry.ts`: `export const registry = createTypeRegistry("api/v2.0");`, and for routes that map
 * values (`dates: "Date"`, decimals or Int64 as strings) the codec with the route's conversion table.
 */
export function emitRegistry(model: EdmModel, options: EmitOptions): EmittedFile {
  const { runtimeModule } = options;
  const imports = new ImportSet("./registry.js");
  const create = imports.add(runtimeModule, "createTypeRegistry", false);
  const entityModel = imports.add(runtimeModule, "EntityModel", true);
  let codec = "";
  if (mapsValues(options)) {
    const createCodec = imports.add(runtimeModule, "createValueCodec", false);
    const table = [...conversionTable(model, options)].map(([type, entries]): [string, string] => [type, objectLiteral([...entries].map(([k, v]) => [k, stringLiteral(v)]), "    ")]);
    const mapping = objectLiteral([["dates", stringLiteral(options.dates)], ["decimal", stringLiteral(options.decimal)], ["int64", stringLiteral(options.int64)]], "  ");
    codec = `, ${createCodec}({\n  mapping: ${mapping},\n  conversions: ${objectLiteral(table, "  ")},\n})`;
  }
  return {
    kind: "typescript",
    fileName: "registry.ts",
    statements: [
      ...imports.structures(),
      constStatement("registry", `${create}(${stringLiteral(model.routePath)}${codec})`, "Entity types of this route, registered as their modules load; navigation targets resolve here by qualified name."),
      MODELS_DOC,
      `export type ModelOf<TName extends string> = TName extends keyof Models ? Models[TName] : ${entityModel};`,
    ],
  };
}
