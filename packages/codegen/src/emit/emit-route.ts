import type { EdmModel } from "../model/edm-model.js";
import { createEmitContext } from "./emit-context.js";
import { emitComplexTypes } from "./emit-complex-types.js";
import { emitEntityModule } from "./emit-entity-module.js";
import { emitEnums } from "./emit-enums.js";
import { emitIndex } from "./emit-index.js";
import type { EmitOptions } from "./emit-options.js";
import type { EmittedFile } from "./emitted-file.js";
import { emitOperations } from "./emit-operations.js";
import { emitRegistry } from "./emit-registry.js";
import { emitOpenApi } from "./emit-openapi.js";
import { emitPaths } from "./emit-paths.js";
import { loadTsMorph } from "../ts-morph.js";

/** Every file of one route's output folder, as data (pure: same model and options → same files). */
export function emitRoute(model: EdmModel, options: EmitOptions, source: string): EmittedFile[] {
  loadTsMorph(); // the structures carry ts-morph's StructureKind values
  const context = createEmitContext(model, options, source);
  const files: EmittedFile[] = [
    emitRegistry(model, options),
    emitEnums(model.enumTypes),
    emitComplexTypes(model.complexTypes, context),
    ...model.entityTypes.map((t) => emitEntityModule(t, context)),
  ];
  if (model.unboundOperations.length > 0) files.push(emitOperations(context));
  // paths.ts is not re-exported by index.ts: it imports every entity module and is opt-in.
  const modules = files.map((f) => f.fileName.replace(/\.ts$/, ""));
  if (options.openapi) files.push(emitPaths(context), emitOpenApi(context));
  files.push(emitIndex(context, modules));
  return files;
}
