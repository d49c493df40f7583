/**
 * The print worker thread (`print-in-worker.ts`) failed after it had started: printing threw there,
 * or the thread died. `BCTS_PRINT_WORKER=off` prints on the main thread instead.
 *
 * @example
 * try { await generate({ routes }); } catch (error) { if (error instanceof PrintWorkerError) console.error(error.workerStack); }
 */
export class PrintWorkerError extends Error {
  override readonly name = "PrintWorkerError";

  constructor(
    /** What failed, e.g. `printing api-v2.0` or `the worker thread exited with code 1`. */
    readonly context: string,
    /** The error's message from the worker thread. */
    readonly workerMessage: string,
    /** The error's stack in the worker thread, when it had one. */
    readonly workerStack: string | undefined,
  ) {
    super(`print worker: ${context}: ${workerMessage.replace(/\.$/, "")}. To print on the main thread instead, set BCTS_PRINT_WORKER=off.`);
  }
}
