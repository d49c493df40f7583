import type { ODataError } from "../errors/odata-error.js";
import type { BatchConcurrency } from "../batch/batch-types.js";
import type { RequestOptions } from "../client/request-options.js";

/**
 * What happened to one item of a bulk write (`createMany`/`updateMany`/`deleteMany`), by its index in the input:
 * - `ok`: applied; `value` is the server's answer (the created/updated entity; undefined for deletes, or when
 *   an atomic chunk was applied but its answer could not be read);
 * - `failed`: not applied (BC refused it, or its atomic chunk was rolled back, or the request was refused
 *   before processing) — safe to send again after fixing;
 * - `unknown`: the chunk's answer was lost (reset, timeout, gateway) or BC left the item unanswered: it may
 *   have been applied. Look it up before sending it again (e.g. `createOrFind`);
 * - `skipped`: left out because `resumeFrom` says it was applied (or unknown) in an earlier run;
 * - `not-sent`: the run was aborted before the item's chunk was sent.
 */
export type BulkItemResult<T> =
  | { readonly index: number; readonly status: "ok"; readonly value: T | undefined }
  | { readonly index: number; readonly status: "failed"; readonly error: Error }
  | { readonly index: number; readonly status: "unknown"; readonly error: Error }
  | { readonly index: number; readonly status: "skipped"; readonly reason: "applied-before" | "unknown-before" }
  | { readonly index: number; readonly status: "not-sent" };

/**
 * Where a run stands, as plain JSON: store it (e.g. from `onProgress`) and pass it as `resumeFrom` to
 * continue after a crash without sending applied items again.
 */
export interface BulkCheckpoint {
  readonly total: number;
  /** Indexes applied (`ok`), in this run or before. */
  readonly applied: readonly number[];
  /** Indexes whose outcome is unknown; skipped on resume unless `resendUnknown: true`. */
  readonly unknown: readonly number[];
}

export interface BulkProgress {
  readonly total: number;
  /** Items with an outcome so far (ok + failed + unknown + skipped). */
  readonly settled: number;
  readonly ok: number;
  readonly failed: number;
  readonly unknown: number;
  /**
   * Where the run stands, built when first read (it walks every item: read it when you store it, not
   * on every call if the input is large). Outcomes only become known or more certain, so a checkpoint
   * read later than its report is still a valid one — just a newer one.
   */
  readonly checkpoint: BulkCheckpoint;
}

export interface BulkOptions extends Omit<RequestOptions, "onResponse"> {
  /** Operations per `$batch` request, 1–100 (BC's maximum, the default). */
  readonly chunkSize?: number;
  /**
   * `$batch` requests in flight at once. Default: the client's `limits.maxConcurrency` (5, BC online's
   * per-identity limit, unless configured): a bulk run then uses every slot the identity has (its
   * limiter still bounds all requests). Pass one less to keep a slot free for other requests of the
   * same identity.
   */
  readonly concurrency?: number;
  /** Each chunk all or nothing (`Isolation: snapshot`): one failed item fails its whole chunk (`failed`). */
  readonly atomic?: boolean;
  /** Called after every chunk. */
  readonly onProgress?: (progress: BulkProgress) => void;
  /** A checkpoint of an earlier run over the same input (same order): its applied items are skipped. */
  readonly resumeFrom?: BulkCheckpoint;
  /**
   * `createMany` only: an alternate key (e.g. `"number"`) each body carries. After the run, items whose
   * outcome is unknown are looked up by it in batched GETs: found → `ok` (with the record), not found →
   * `failed` (not applied; a resume sends them). See docs/batch.md for the caveat.
   */
  readonly lookupKey?: string;
  /** With `resumeFrom`: send the items whose outcome was unknown again (only when that is safe: you looked them up, or the writes are idempotent). */
  readonly resendUnknown?: boolean;
}

export interface BulkResult<T> {
  /** One entry per input item, in input order. */
  readonly items: readonly BulkItemResult<T>[];
  readonly ok: number;
  readonly failed: number;
  readonly unknown: number;
  readonly skipped: number;
  readonly notSent: number;
  /** `$batch` requests sent. */
  readonly requests: number;
  readonly checkpoint: BulkCheckpoint;
}

/** One PATCH of `updateMany`: the key, the changed fields and the version it applies to. */
export type BulkUpdate<K, P> = { readonly key: K; readonly patch: P } & BatchConcurrency;

/** One DELETE of `deleteMany`. */
export type BulkDelete<K> = { readonly key: K } & BatchConcurrency;

export type { ODataError };
