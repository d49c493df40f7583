import type { ODataError } from "./odata-error.js";

/**
 * An atomic (`Isolation: snapshot`) batch failed. Nothing was applied, even where BC reported an
 * inner 201 — those inserts were rolled back. `failures` are the failed operations by index.
 *
 * @example
 * catch (e) { if (e instanceof ODataBatchError) e.failures[0]?.error.code; // "Application_FieldValidationException" }
 */
export class ODataBatchError extends Error {
  override readonly name = "ODataBatchError";
  readonly failures: readonly { readonly index: number; readonly error: ODataError }[];
  /** Indexes BC did not answer (it may stop at the first failure). */
  readonly missing: readonly number[];

  constructor(failures: ODataBatchError["failures"], missing: readonly number[], total: number) {
    const first = failures[0];
    super(
      `Atomic batch of ${total} operations failed and was rolled back: ${failures.length} failed${missing.length ? `, ${missing.length} unanswered` : ""}` +
        `${first ? ` (operation ${first.index}: ${first.error.status} ${first.error.code} ${first.error.serverMessage})` : ""}. Fix the failing operation and send the whole batch again.`,
    );
    this.failures = failures;
    this.missing = missing;
  }
}
