import { ODataRequestError } from "./odata-request-error.js";

/**
 * The server did not apply `Prefer: odata.track-changes` (no `Preference-Applied`, or no `@odata.deltaLink`
 * on the last page). Business Central removed delta links in 2024 release wave 1 (v24); its API pages
 * ignore the preference. Detected on the first answer (nothing yielded yet) when `Preference-Applied` lacks it.
 */
export class ODataDeltaUnsupportedError extends ODataRequestError {
  override readonly name = "ODataDeltaUnsupportedError";

  constructor(url: string, detail: string) {
    super(
      `did not apply odata.track-changes (${detail})`,
      { method: "GET", url },
      "This endpoint has no delta links (Business Central removed them in v24). Sync by lastModifiedDateTime plus webhooks for deletions (docs/delta-sync.md), or use a server that supports change tracking.",
    );
  }
}
