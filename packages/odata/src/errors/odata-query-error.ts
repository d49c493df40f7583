/**
 * A query could not be built: a literal does not match its Edm type, or the filter asks for something
 * Business Central rejects or silently ignores. Thrown before any request is sent.
 *
 * @example
 * company.customers.query({ filter: (f) => f.id.eq("not-a-guid") }).toUrl();
 * // ODataQueryError: Invalid Edm.Guid literal "not-a-guid" for "id". Expected 8-4-4-4-12 hex digits, e.g. "5d115c9c-44e3-ea11-bb43-000d3a2feca1".
 */
export class ODataQueryError extends Error {
  override readonly name = "ODataQueryError";
  /** What to do instead. */
  readonly remedy: string;

  constructor(message: string, remedy: string) {
    super(`${message} ${remedy}`);
    this.remedy = remedy;
  }
}
