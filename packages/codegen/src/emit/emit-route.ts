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

/** Every file of one route's output folder, as data (pure: same model and options → same files). */
export function emitRoute(model: EdmModel, options: EmitOptions, source: string): EmittedFile[] {
  return [...emitRouteFiles(model, options, source)];
}

/** `emitRoute` one file at a time, so that printing (on the print worker) can start with the first. */
export function* emitRouteFiles(model: EdmModel, options: EmitOptions, source: string): Generator<EmittedFile, void, undefined> {
  const context = createEmitContext(model, options, source);
  // paths.ts is not re-exported by index.ts: it imports every entity module and is opt-in.
  const modules: string[] = [];
  const module = (file: EmittedFile): EmittedFile => {
    modules.push(file.fileName.replace(/\.ts$/, ""));
    return file;
  };
  yield module(emitRegistry(model, options));
  yield module(emitEnums(model.enumTypes));
  yield module(emitComplexTypes(model.complexTypes, context));
  for (const type of model.entityTypes) yield module(emitEntityModule(type, context));
  if (model.unboundOperations.length > 0) yield module(emitOperations(context));
  if (options.openapi) {
    yield emitPaths(context);
    yield emitOpenApi(context);
  }
  yield emitIndex(context, modules);
}
