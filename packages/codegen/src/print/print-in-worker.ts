import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { CodeCacheStatus } from "../code-cached-require.js";
import type { EmittedFile } from "../emit/emitted-file.js";
import { isTsMorphLoaded } from "../ts-morph.js";
import { createFilePrinter, type PrintedFiles } from "./print-files.js";
import { compareStrings } from "../model/compare-strings.js";
import type { PrintReply, PrintRequest } from "./print-worker-protocol.js";
import { PrintWorkerError } from "./print-worker-error.js";

// Why a worker thread (issue 20; Node 20, 2-core VM): parsing, modelling and emitting need no
// ts-morph, printing does, and loading ts-morph costs ~110 ms even from the V8 code cache. A worker
// started first thing in `generate()` loads it while the main thread reads, parses, models and
// emits; then it prints. Numbers are in the commit that introduced this file and in the README.
// Off by default since printing the emitted shapes needs no ts-morph (`printWorkerWanted`).
//
// Everything stays deterministic: requests are answered in the order they are sent, and the printed
// texts are the same `printFiles` output. The worker is an optimisation only: when it cannot start
// (no worker_threads, refused execArgv) or dies before ts-morph is loaded, printing happens on this
// thread as before. Once it has loaded, a failure is a `PrintWorkerError` (retrying in-thread would
// hide a bug). `BCTS_PRINT_WORKER` turns it off or on (`printWorkerWanted`).

/** Printing on a worker thread, or `undefined` from `startPrintWorker` when printing stays on this thread. */
export interface PrintWorker {
  /**
   * Emits the route here (iterating `files`) and hands each file to the worker as soon as it is
   * emitted; `onText` gets each printed text as it arrives (to write it while the rest prints).
   * Falls back to printing here when the worker could not start or load ts-morph.
   */
  printRoute(files: Iterable<EmittedFile>, bannerLine: string, context: string, onText: (name: string, text: string) => void): { readonly emitMs: number; readonly printed: Promise<PrintedFiles> };
  /** The worker's ts-morph load (`undefined` when it fell back before loading). */
  load(): Promise<{ readonly ms: number; readonly codeCache: CodeCacheStatus } | undefined>;
  /** Saves the worker's V8 code cache (see `code-cached-require.ts`); returns the files written. */
  saveCodeCache(): Promise<number>;
  /** Stops the worker (idempotent; also after a failure elsewhere, so no thread outlives `generate()`). */
  close(): void;
}

/**
 * `BCTS_PRINT_WORKER=on` prints on the worker whenever it can start; unset or `off`, printing stays
 * on the main thread. It used to be on by default when a core looked spare (1-minute load average at
 * most CPUs − 0.75), to load ts-morph there while this thread parsed. Since files of the shapes
 * emit/ writes print as text without ts-morph (`print-files.ts`), the main thread loads nothing and
 * the worker only adds its start, a ts-morph load and the copying: measured (bench child, 6
 * alternating rounds, 2-core VM at load average ~1.2-1.7) API v2.0 491 ms on the main thread vs
 * 884 ms with the worker, ODataV4 851 vs 1193 ms.
 */
export function printWorkerWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return /^(?:on|1|true|yes)$/i.test(env["BCTS_PRINT_WORKER"] ?? "");
}

/**
 * Starts the print worker, or returns `undefined` when printing should stay on this thread: not
 * wanted (`printWorkerWanted`), ts-morph already loaded here (a TypeScript config file), or the
 * worker could not be created.
 *
 * @example
 * const worker = startPrintWorker();
 * try { files = worker ? await worker.printRoute(emitRouteFiles(model, options, source), bannerLine, "api", write).printed : printFiles(emitRoute(model, options, source), bannerLine); } finally { worker?.close(); }
 */
export function startPrintWorker(): PrintWorker | undefined {
  if (!printWorkerWanted() || isTsMorphLoaded()) return undefined;
  let worker: Worker;
  try {
    worker = import.meta.url.endsWith(".ts") ? sourceWorker() : new Worker(new URL("./print-worker.js", import.meta.url));
  } catch {
    return undefined;
  }
  return connect(worker);
}

// From sources (tsx, vitest) the worker is print-worker.ts, and Node 20 does not apply an inherited
// `--import tsx` to a worker's own entry module: register tsx's loader there first, then import it.
// Not used by the built package (dist/print-worker.js), which needs no loader.
function sourceWorker(): Worker {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api")).href;
  const entry = new URL("./print-worker.ts", import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`, { eval: true });
}

interface Pending {
  readonly onReply: (reply: PrintReply) => void;
  readonly onBroken: (error: Error) => void;
}

function connect(worker: Worker): PrintWorker {
  let loaded: { readonly ms: number; readonly codeCache: CodeCacheStatus } | undefined;
  let broken: Error | undefined; // set once the worker is unusable
  const pending: Pending[] = []; // one per request: replies come in request order
  const loadWaiters: Array<(ok: boolean) => void> = [];
  const fail = (error: Error): void => {
    if (broken !== undefined) return;
    broken = error;
    for (const waiter of loadWaiters.splice(0)) waiter(false);
    for (const request of pending.splice(0)) request.onBroken(error);
    void worker.terminate();
  };
  worker.on("message", (reply: PrintReply) => {
    if (reply.kind === "loaded") {
      loaded = { ms: reply.ms, codeCache: reply.codeCache };
      for (const waiter of loadWaiters.splice(0)) waiter(true);
    } else {
      pending.shift()?.onReply(reply);
    }
  });
  worker.on("error", (error) => fail(error instanceof Error ? error : new Error(String(error))));
  worker.on("exit", (code) => fail(new Error(`the worker thread exited with code ${code}`)));
  const whenLoaded = (): Promise<boolean> => loaded !== undefined ? Promise.resolve(true) : broken !== undefined ? Promise.resolve(false)
    : new Promise((resolve) => loadWaiters.push(resolve));
  let closed = false;
  return {
    printRoute(files, bannerLine, context, onText) {
      const emitted: EmittedFile[] = [];
      const out = new Map<string, string>();
      let settle: { resolve: (files: PrintedFiles) => void; reject: (error: Error) => void } | undefined;
      const printed = new Promise<PrintedFiles>((resolve, reject) => (settle = { resolve, reject }));
      let remaining = 0;
      let emitting = true;
      let failed = false;
      const finish = (): void => {
        if (!failed && !emitting && remaining === 0) settle?.resolve(sorted(out));
      };
      const reject = (error: Error): void => {
        if (!failed) settle?.reject(error);
        failed = true;
      };
      const onBroken = (error: Error): void => {
        if (failed) return;
        if (closed) return reject(error);
        if (loaded !== undefined) return reject(new PrintWorkerError(`printing ${context}`, error.message, error.stack));
        // It never loaded ts-morph: print here, as without the worker (once, for the whole route).
        failed = true;
        try {
          const print = createFilePrinter();
          for (const file of emitted) if (!out.has(file.fileName)) onText(file.fileName, out.set(file.fileName, print(file, bannerLine)).get(file.fileName)!);
          settle?.resolve(sorted(out));
        } catch (fallbackError) {
          settle?.reject(fallbackError as Error);
        }
      };
      const request: Pending = {
        onReply(reply) {
          remaining--;
          if (failed) return;
          switch (reply.kind) {
            case "printed":
              out.set(reply.name, reply.text);
              try {
                onText(reply.name, reply.text);
              } catch (error) {
                reject(error as Error);
              }
              break;
            case "failed":
              reject(new PrintWorkerError(`printing ${context} (${reply.name})`, reply.message, reply.stack));
              break;
            default:
              reject(new PrintWorkerError(`printing ${context}`, `unexpected reply ${reply.kind}`, undefined));
          }
          finish();
        },
        onBroken,
      };
      const started = performance.now();
      for (const file of files) {
        emitted.push(file);
        if (broken !== undefined) continue;
        remaining++;
        pending.push(request);
        worker.postMessage({ kind: "print", file, bannerLine } satisfies PrintRequest);
      }
      const emitMs = performance.now() - started;
      emitting = false;
      if (broken !== undefined) onBroken(broken);
      else finish();
      return { emitMs, printed };
    },
    async load() {
      return (await whenLoaded()) ? loaded : undefined;
    },
    async saveCodeCache() {
      if (loaded === undefined || broken !== undefined) return 0;
      return new Promise<number>((resolve) => {
        pending.push({ onReply: (reply) => resolve(reply.kind === "savedCodeCache" ? reply.written : 0), onBroken: () => resolve(0) });
        worker.postMessage({ kind: "saveCodeCache" } satisfies PrintRequest);
      });
    },
    close() {
      if (closed) return;
      closed = true;
      worker.removeAllListeners("exit");
      fail(new Error("closed"));
    },
  };
}

function sorted(files: ReadonlyMap<string, string>): PrintedFiles {
  return new Map([...files].sort(([a], [b]) => compareStrings(a, b)));
}
