import type { ResolvedRoute } from "./config/config-types.js";
import { parseCsdl } from "./csdl/parse-csdl.js";
import { emitRouteFiles } from "./emit/emit-route.js";
import type { EmittedFile } from "./emit/emitted-file.js";
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
  const { files: emit, bannerLine, notes, timings } = modelRoute(xml, sourceName, route);
  const t2 = performance.now();
  const emitted = [...emit()];
  const t3 = performance.now();
  const files = printFiles(emitted, bannerLine);
  return { files, notes, timings: { ...timings, emitMs: t3 - t2, printMs: performance.now() - t3 } };
}

/** csdl → model, and the emit stage as a lazy sequence of files (the print worker prints each as it comes). */
export function modelRoute(xml: string, sourceName: string, route: ResolvedRoute): {
  readonly files: () => Generator<EmittedFile, void, undefined>;
  readonly bannerLine: string;
  readonly notes: readonly string[];
  readonly timings: Pick<PipelineTimings, "parseMs" | "modelMs">;
} {
  const t0 = performance.now();
  const document = parseCsdl(xml, { source: sourceName, maxBytes: route.maxBytes });
  const t1 = performance.now();
  const model = buildModel(document, { routeName: route.name, routeKind: route.kind, routePath: route.path, entitySets: route.entitySets, dialect: route.dialect, naming: route.naming }, sourceName);
  const t2 = performance.now();
  const options = { decimal: route.decimal, int64: route.int64, dates: route.dates, runtimeModule: route.runtimeModule, openapi: route.openapi };
  return { files: () => emitRouteFiles(model, options, sourceName), bannerLine: banner(sourceName, xml), notes: model.notes, timings: { parseMs: t1 - t0, modelMs: t2 - t1 } };
}
