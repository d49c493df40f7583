import { ODataError, type ODataErrorContext } from "./odata-error.js";

/**
 * The entity changed since its ETag was read: BC's 409 `Request_EntityChanged` (and 412 as a fallback).
 * Remedy: read the entity again and re-apply the change with its new `@odata.etag`.
 *
 * When an earlier attempt of the same call lost its answer, the change may be the caller's own first
 * attempt: `outcome` is then `"unknown"` and the message says so.
 */
export class ODataConcurrencyError extends ODataError {
  override readonly name = "ODataConcurrencyError";

  constructor(context: ODataErrorContext) {
    super(context, "Read the entity again (get()) and retry the change with its new @odata.etag, or pass { ifMatch: \"*\" } to overwrite.");
  }
}
