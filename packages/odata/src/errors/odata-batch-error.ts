import type { ODataError } from "./odata-error.js";
import { ODataRequestError } from "./odata-request-error.js";

/** The `$batch` call an `ODataBatchError` belongs to. */
export interface BatchErrorContext {
  readonly method: string;
  readonly url: string;
  readonly clientRequestId?: string | undefined;
  readonly correlationId?: string | undefined;
  readonly attempts?: number | undefined;
  readonly elapsedInMs?: number | undefined;
}

const REMEDY = "Fix the failing operation and send the whole batch again.";

/**
 * An atomic (`Isolation: snapshot`) batch failed. Nothing was applied, even where BC reported an
 * inner 201 — those inserts were rolled back (`outcome: "not-applied"`). `failures` are the failed
 * operations by index. An `ODataRequestError` of the `$batch` call.
 *
 * @example
 * catch (e) { if (e instanceof ODataBatchError) e.failures[0]?.error.code; // "Application_FieldValidationException" }
 */
export class ODataBatchError extends ODataRequestError {
  override readonly name = "ODataBatchError";
  readonly failures: readonly { readonly index: number; readonly error: ODataError }[];
  /** Indexes BC did not answer (it may stop at the first failure). */
  readonly missing: readonly number[];

  constructor(failures: ODataBatchError["failures"], missing: readonly number[], total: number, context?: BatchErrorContext) {
    const first = failures[0];
    super(
      `failed as an atomic batch of ${total} operations and was rolled back: ${failures.length} failed${missing.length ? `, ${missing.length} unanswered` : ""}` +
        `${first ? ` (operation ${first.index}: ${first.error.status} ${first.error.code} ${first.error.serverMessage})` : ""}`,
      { ...context, method: context?.method ?? "POST", url: context?.url ?? "$batch", outcome: "not-applied" },
      REMEDY,
    );
    this.failures = failures;
    this.missing = missing;
  }
}
