import type { ResolvedRoute } from "./config/config-types.js";
import { parseCsdl } from "./csdl/parse-csdl.js";
import { emitRoute } from "./emit/emit-route.js";
import { buildModel } from "./model/build-model.js";
import { banner } from "./print/banner.js";
import { printFiles, type PrintedFiles } from "./print/print-files.js";

export interface GeneratedRoute {
  readonly files: PrintedFiles;
  /** Things deliberately skipped or approximated, worth printing. */
  readonly notes: readonly string[];
}

/** The pure pipeline for one document: csdl → model → emit → print. Same input, same bytes. */
export function generateFiles(xml: string, sourceName: string, route: ResolvedRoute): GeneratedRoute {
  const document = parseCsdl(xml, { source: sourceName, maxBytes: route.maxBytes });
  const model = buildModel(document, { routeName: route.name, routeKind: route.kind, routePath: route.path, entitySets: route.entitySets, dialect: route.dialect, naming: route.naming }, sourceName);
  const emitted = emitRoute(model, { decimal: route.decimal, int64: route.int64, dates: route.dates, runtimeModule: route.runtimeModule, openapi: route.openapi }, sourceName);
  return { files: printFiles(emitted, banner(sourceName, xml)), notes: model.notes };
}
