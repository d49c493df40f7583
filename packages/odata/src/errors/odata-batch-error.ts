import type { ODataError } from "./odata-error.js";
import type { WriteOutcome } from "./write-outcome.js";

/** The `$batch` call an `ODataBatchError` belongs to. */
export interface BatchErrorContext {
  readonly method: string;
  readonly url: string;
  readonly clientRequestId?: string | undefined;
  readonly correlationId?: string | undefined;
  readonly attempts?: number | undefined;
  readonly elapsedInMs?: number | undefined;
}

/**
 * An atomic (`Isolation: snapshot`) batch failed. Nothing was applied, even where BC reported an
 * inner 201 — those inserts were rolled back (`outcome: "not-applied"`). `failures` are the failed
 * operations by index.
 *
 * @example
 * catch (e) { if (e instanceof ODataBatchError) e.failures[0]?.error.code; // "Application_FieldValidationException" }
 */
export class ODataBatchError extends Error {
  override readonly name = "ODataBatchError";
  readonly failures: readonly { readonly index: number; readonly error: ODataError }[];
  /** Indexes BC did not answer (it may stop at the first failure). */
  readonly missing: readonly number[];
  /** An atomic batch that failed was rolled back as a whole. */
  readonly outcome: WriteOutcome = "not-applied";
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly clientRequestId: string | undefined;
  readonly correlationId: string | undefined;
  readonly attempts: number | undefined;
  readonly elapsedInMs: number | undefined;
  readonly remedy = "Fix the failing operation and send the whole batch again.";

  constructor(failures: ODataBatchError["failures"], missing: readonly number[], total: number, context?: BatchErrorContext) {
    const first = failures[0];
    super(
      `Atomic batch of ${total} operations failed and was rolled back: ${failures.length} failed${missing.length ? `, ${missing.length} unanswered` : ""}` +
        `${first ? ` (operation ${first.index}: ${first.error.status} ${first.error.code} ${first.error.serverMessage})` : ""}. Fix the failing operation and send the whole batch again.` +
        `${context?.clientRequestId ? ` (client-request-id ${context.clientRequestId})` : ""}`,
    );
    this.failures = failures;
    this.missing = missing;
    this.method = context?.method;
    this.url = context?.url;
    this.clientRequestId = context?.clientRequestId;
    this.correlationId = context?.correlationId;
    this.attempts = context?.attempts;
    this.elapsedInMs = context?.elapsedInMs;
  }
}
