import type { EdmComplexType, EdmEntityType, EdmEnumType, EdmModel } from "../model/edm-model.js";
import type { EmitOptions } from "./emit-options.js";

/** Lookups shared by the emitters of one route, built once. */
export interface EmitContext {
  readonly model: EdmModel;
  readonly options: EmitOptions;
  readonly source: string;
  readonly enums: ReadonlyMap<string, EdmEnumType>;
  readonly complexTypes: ReadonlyMap<string, EdmComplexType>;
  readonly entityTypes: ReadonlyMap<string, EdmEntityType>;
}

export function createEmitContext(model: EdmModel, options: EmitOptions, source: string): EmitContext {
  return {
    model,
    options,
    source,
    enums: new Map(model.enumTypes.map((t) => [t.qualifiedName, t])),
    complexTypes: new Map(model.complexTypes.map((t) => [t.qualifiedName, t])),
    entityTypes: new Map(model.entityTypes.map((t) => [t.qualifiedName, t])),
  };
}

export function lookup<T>(map: ReadonlyMap<string, T>, qualifiedName: string): T {
  const hit = map.get(qualifiedName);
  // The model stage resolved every reference; a miss here is a codegen bug, not bad input.
  if (hit === undefined) throw new Error(`@bcts/codegen internal error: ${qualifiedName} missing from the model`);
  return hit;
}
