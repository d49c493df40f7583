import type { ResolvedRoute } from "./config/config-types.js";
import { parseCsdl } from "./csdl/parse-csdl.js";
import { emitRoute } from "./emit/emit-route.js";
import type { PipelineTimings } from "./generation-timings.js";
import { buildModel } from "./model/build-model.js";
import { banner } from "./print/banner.js";
import { printFiles, type PrintedFiles } from "./print/print-files.js";

export interface GeneratedRoute {
  readonly files: PrintedFiles;
  /** Things deliberately skipped or approximated, worth printing. */
  readonly notes: readonly string[];
  /** Milliseconds per stage. */
  readonly timings: PipelineTimings;
}

/** The pure pipeline for one document: csdl → model → emit → print. Same input, same bytes. */
export function generateFiles(xml: string, sourceName: string, route: ResolvedRoute): GeneratedRoute {
  const t0 = performance.now();
  const document = parseCsdl(xml, { source: sourceName, maxBytes: route.maxBytes });
  const t1 = performance.now();
  const model = buildModel(document, { routeName: route.name, routeKind: route.kind, routePath: route.path, entitySets: route.entitySets, dialect: route.dialect, naming: route.naming }, sourceName);
  const t2 = performance.now();
  const emitted = emitRoute(model, { decimal: route.decimal, int64: route.int64, dates: route.dates, runtimeModule: route.runtimeModule, openapi: route.openapi }, sourceName);
  const t3 = performance.now();
  const files = printFiles(emitted, banner(sourceName, xml));
  const t4 = performance.now();
  return { files, notes: model.notes, timings: { parseMs: t1 - t0, modelMs: t2 - t1, emitMs: t3 - t2, printMs: t4 - t3 } };
}
