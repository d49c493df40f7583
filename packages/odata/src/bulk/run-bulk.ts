import type { EntitySetDescriptor, EntityTypeDescriptor, RouteDescriptor } from "../model/descriptors.js";
import { ODataBatchError } from "../errors/odata-batch-error.js";
import { ODataQueryError } from "../errors/odata-query-error.js";
import { writeOutcomeOf } from "../errors/write-outcome.js";
import type { RequestExecutor } from "../client/request-executor.js";
import { BUSINESS_CENTRAL_ONLINE_LIMITS } from "../limits/request-limiter.js";
import { MAX_BATCH_OPERATIONS, type BatchOperation, type BatchSettledResult } from "../batch/batch-types.js";
import { runBatch } from "../batch/run-batch.js";
import type { BulkCheckpoint, BulkItemResult, BulkOptions, BulkProgress, BulkResult } from "./bulk-types.js";

/** How one input item becomes a batch operation, given the batch builder's client of the target set. */
export type BulkOperationOf = (set: BulkSetBuilder, item: unknown) => BatchOperation<unknown>;

export interface BulkSetBuilder {
  create(body: object): BatchOperation<unknown>;
  list(options: { readonly filter: (f: Record<string, { eq(v: unknown): unknown }>) => unknown; readonly top: number }): BatchOperation<unknown[]>;
  byId(key: unknown): { get(): BatchOperation<unknown>; update(patch: object, options: unknown): BatchOperation<unknown>; delete(options: unknown): BatchOperation<unknown> };
}

/**
 * Sends `items` as `$batch` requests of `chunkSize` (≤ 100) operations, `concurrency` at a time, and
 * reports each item's outcome. A chunk whose answer was lost makes its items `unknown`; an error BC
 * answered for the whole request (before processing it) makes them `failed`.
 *
 * @example
 * await runBulk(executor, customerType, "companies(…)/customers", rows, (s, row) => s.create(row as object));
 * // POST …/$batch {"requests":[…100 × {"method":"POST","url":"companies(…)/customers",…}]}  × ⌈rows/100⌉, 5 in flight
 */
export async function runBulk<T>(
  executor: RequestExecutor,
  type: EntityTypeDescriptor,
  path: string,
  items: readonly unknown[],
  operationOf: BulkOperationOf,
  options: BulkOptions = {},
): Promise<BulkResult<T>> {
  const chunkSize = options.chunkSize ?? MAX_BATCH_OPERATIONS;
  if (options.lookupKey !== undefined && !Object.hasOwn(type.properties, options.lookupKey)) {
    throw new ODataQueryError(`${type.name} has no property "${options.lookupKey}" to look records up by.`, `Pass a property name of ${type.name} as lookupKey. Nothing was sent.`);
  }
  // The identity's `limits.maxConcurrency` (BC online: 5): fewer leaves a slot idle for the whole run
  // (measured: 4 → 25 waves of batches instead of 20 for 10,000 items); more would only wait in the limiter.
  const concurrency = options.concurrency ?? executor.maxConcurrency ?? BUSINESS_CENTRAL_ONLINE_LIMITS.maxConcurrency;
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_BATCH_OPERATIONS) throw new ODataQueryError(`Invalid chunkSize ${chunkSize}.`, `Pass 1–${MAX_BATCH_OPERATIONS} (BC's limit per $batch).`);
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new ODataQueryError(`Invalid concurrency ${concurrency}.`, "Pass a positive integer.");
  const resume = options.resumeFrom;
  if (resume !== undefined && resume.total !== items.length) {
    throw new ODataQueryError(`resumeFrom is a checkpoint of ${resume.total} items; got ${items.length}.`, "Resume with the same input, in the same order, as the run that produced the checkpoint.");
  }
  const results: (BulkItemResult<T> | undefined)[] = new Array(items.length);
  const appliedBefore = new Set(resume?.applied ?? []);
  const unknownBefore = new Set(options.resendUnknown === true ? [] : (resume?.unknown ?? []));
  const toSend: number[] = [];
  for (let i = 0; i < items.length; i++) {
    if (appliedBefore.has(i)) results[i] = { index: i, status: "skipped", reason: "applied-before" };
    else if (unknownBefore.has(i)) results[i] = { index: i, status: "skipped", reason: "unknown-before" };
    else toSend.push(i);
  }
  const chunks: number[][] = [];
  for (let s = 0; s < toSend.length; s += chunkSize) chunks.push(toSend.slice(s, s + chunkSize));

  const route = syntheticRoute(type, path);
  const counts = { ok: 0, failed: 0, unknown: 0, requests: 0, settled: items.length - toSend.length };
  const settle = (result: BulkItemResult<T>): void => {
    if (results[result.index] === undefined) counts.settled++;
    results[result.index] = result;
    if (result.status === "ok" || result.status === "failed" || result.status === "unknown") counts[result.status]++;
  };
  const checkpoint = (): BulkCheckpoint => ({
    total: items.length,
    applied: results.flatMap((r, i) => (r?.status === "ok" || (r?.status === "skipped" && r.reason === "applied-before") ? [i] : [])),
    unknown: results.flatMap((r, i) => (r?.status === "unknown" || (r?.status === "skipped" && r.reason === "unknown-before") ? [i] : [])),
  });

  const runChunk = async (chunk: readonly number[]): Promise<void> => {
    const sent: number[] = [];
    const build = (b: Record<string, unknown>): BatchOperation<unknown>[] => {
      const ops: BatchOperation<unknown>[] = [];
      for (const i of chunk) {
        try {
          ops.push(operationOf(b["target"] as BulkSetBuilder, items[i]));
          sent.push(i);
        } catch (error) {
          // A bad item (no ETag, unencodable key) fails alone, before anything is sent.
          settle({ index: i, status: "failed", error: error as Error });
        }
      }
      if (ops.length > 0) counts.requests++;
      return ops;
    };
    const atomic = options.atomic === true;
    try {
      const answers = await runBatch(executor, route, "company", route.prefix, build, { abortSignal: options.abortSignal, timeoutInMs: options.timeoutInMs, headers: options.headers, atomic });
      if (atomic) sent.forEach((i, k) => settle({ index: i, status: "ok", value: answers[k] as T }));
      else (answers as BatchSettledResult<unknown>[]).forEach((r, k) => settle(itemOf<T>(sent[k]!, r)));
    } catch (error) {
      if (error instanceof ODataBatchError) {
        // Atomic chunk rolled back: the failing items with their own error, the others with the batch's.
        const own = new Map(error.failures.map((f) => [f.index, f.error]));
        sent.forEach((i, k) => settle({ index: i, status: "failed", error: own.get(k) ?? error }));
      } else {
        const outcome = writeOutcomeOf(error);
        const err = error instanceof Error ? error : new Error(String(error));
        for (const i of sent) {
          if (outcome === "not-applied") settle({ index: i, status: "failed", error: err });
          else if (outcome === "applied" && atomic) settle({ index: i, status: "ok", value: undefined });
          else settle({ index: i, status: "unknown", error: err });
        }
      }
    }
    if (options.onProgress !== undefined) options.onProgress(progressOf(items.length, counts, checkpoint));
  };

  /** Unknown creates, looked up by their alternate key (up to 100 GETs per `$batch`, one at a time). */
  const resolveByKey = async (key: string): Promise<void> => {
    const unknown = results.flatMap((r) => (r?.status === "unknown" ? [r] : []));
    for (let s = 0; s < unknown.length; s += MAX_BATCH_OPERATIONS) {
      const part = unknown.slice(s, s + MAX_BATCH_OPERATIONS);
      const build = (b: Record<string, unknown>): BatchOperation<unknown>[] =>
        part.map((r) => (b["target"] as BulkSetBuilder).list({ filter: (f) => f[key]!.eq((items[r.index] as Record<string, unknown>)[key]), top: 2 }));
      counts.requests++;
      // Reads: a failure here leaves the items unknown (and is not thrown).
      const answers = (await runBatch(executor, route, "company", route.prefix, build, { abortSignal: options.abortSignal, timeoutInMs: options.timeoutInMs, headers: options.headers }).catch(() => [])) as BatchSettledResult<unknown[]>[];
      answers.forEach((answer, k) => {
        const r = part[k]!;
        if (!answer.ok || answer.value.length > 1) return;
        counts.unknown--;
        if (answer.value.length === 1) settle({ index: r.index, status: "ok", value: answer.value[0] as T });
        else settle({ index: r.index, status: "failed", error: new Error(`Its answer was lost and no record with ${key} = ${JSON.stringify((items[r.index] as Record<string, unknown>)[key])} exists: it was not applied. Send it again (resume from the checkpoint).`, { cause: r.error }) });
      });
    }
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chunks.length) {
      const chunk = chunks[next++]!;
      if (options.abortSignal?.aborted === true) {
        for (const i of chunk) results[i] ??= { index: i, status: "not-sent" };
        continue;
      }
      await runChunk(chunk);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
  if (options.lookupKey !== undefined && options.abortSignal?.aborted !== true) await resolveByKey(options.lookupKey);
  const final = results.map((r, i) => r ?? { index: i, status: "not-sent" as const });
  return {
    items: final,
    ok: counts.ok,
    failed: counts.failed,
    unknown: counts.unknown,
    skipped: final.filter((r) => r.status === "skipped").length,
    notSent: final.filter((r) => r.status === "not-sent").length,
    requests: counts.requests,
    checkpoint: checkpoint(),
  };
}

/**
 * A progress report whose `checkpoint` is built when read (and then kept): building it walks every
 * item, which per chunk made a run quadratic in its size (100,000 items: 1,000 walks of 100,000).
 */
function progressOf(total: number, counts: { readonly ok: number; readonly failed: number; readonly unknown: number; readonly settled: number }, checkpoint: () => BulkCheckpoint): BulkProgress {
  let built: BulkCheckpoint | undefined;
  return {
    total, settled: counts.settled, ok: counts.ok, failed: counts.failed, unknown: counts.unknown,
    get checkpoint() {
      built ??= checkpoint();
      return built;
    },
  };
}

function itemOf<T>(index: number, r: BatchSettledResult<unknown>): BulkItemResult<T> {
  if (r.ok) return { index, status: "ok", value: r.value as T };
  // status 0: BC left the operation unanswered (non-atomic: it may have run).
  return writeOutcomeOf(r.error) === "not-applied" ? { index, status: "failed", error: r.error } : { index, status: "unknown", error: r.error };
}

/** A one-set route so `runBatch`'s builder (codec-aware bodies, If-Match rules) writes the operations for `path`. */
function syntheticRoute(type: EntityTypeDescriptor, path: string): RouteDescriptor & { readonly prefix: string } {
  const slash = path.lastIndexOf("/");
  const name = path.slice(slash + 1);
  const set: EntitySetDescriptor = { name, type, scope: "company", capabilities: { insert: true, update: true, delete: true } };
  return { kind: "api", path: "", sets: { target: set }, operations: {}, codec: type.registry.codec, dialect: type.dialect, prefix: slash < 0 ? "" : path.slice(0, slash) };
}
