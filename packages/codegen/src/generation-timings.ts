import type { CodeCacheStatus } from "./code-cached-require.js";

/**
 * Where one route's generation spent its time, in milliseconds of wall time (`performance.now()`).
 * The process-wide costs (loading ts-morph, saving its code cache) are counted on the first route
 * of a `generate()` call and are 0 on the others. With `printThread: "main"` the fields of all routes
 * add up to the call; with `"worker"` they do without `tsMorphLoadMs`, which overlapped the others.
 *
 * @example
 * const [api] = await generate({ routes });
 * console.log(api.timings); // { tsMorphLoadMs: 118, codeCache: "warm", printThread: "worker", readMs: 1, parseMs: 40, … }
 */
export interface GenerationTimings {
  /** Loading ts-morph and its bundled TypeScript (0 when this process had loaded it already). */
  readonly tsMorphLoadMs: number;
  /** How V8's code cache served that load; `undefined` when there was no load. */
  readonly codeCache: CodeCacheStatus | undefined;
  /**
   * Where printing ran: `worker` (ts-morph loads and prints on a worker thread, with
   * `BCTS_PRINT_WORKER=on`) or `main` (the default; ts-morph loads only if a structure needs it). With `worker`, `tsMorphLoadMs` was spent on the worker at the
   * same time as reading, parsing, modelling and emitting, and `printMs` is how long the main thread
   * then waited for the printed texts.
   */
  readonly printThread: "worker" | "main";
  /** Reading the document (or fetching it). */
  readonly readMs: number;
  /** XML → CSDL structures (`csdl/`). */
  readonly parseMs: number;
  /** CSDL → model (`model/`). */
  readonly modelMs: number;
  /** Model → ts-morph structures and JSON values (`emit/`). */
  readonly emitMs: number;
  /** Structures → text (`print/print-files.ts`); on the worker, the main thread's wait for the texts. */
  readonly printMs: number;
  /** Writing the output folder, snapshot and changeset; with `check`, comparing with the files on disk. */
  readonly writeMs: number;
  /** Writing a missing or rejected code cache after generation (see `BCTS_CODE_CACHE`). */
  readonly codeCacheSaveMs: number;
}

/** The stages `generateFiles` runs, a subset of `GenerationTimings`. */
export type PipelineTimings = Pick<GenerationTimings, "parseMs" | "modelMs" | "emitMs" | "printMs">;
