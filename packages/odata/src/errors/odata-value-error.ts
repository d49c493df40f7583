/**
 * A value does not fit the Edm type the client was generated for: a request body field (checked
 * before anything is sent) or a response field the route converts (`dates: "Date"`, decimals as strings).
 *
 * @example
 * await company.customers.create({ displayName: "Adatum", creditLimit: "12,50" });
 * // ODataValueError: creditLimit: "12,50" is not an Edm.Decimal. Pass a JSON number literal such as "1000.00" or a finite number.
 */
export class ODataValueError extends Error {
  override readonly name = "ODataValueError";
  /** Property path of the value, e.g. `salesOrderLines[2].unitPrice`. */
  readonly path: string;
  /** What to do instead. */
  readonly remedy: string;

  constructor(path: string, message: string, remedy: string) {
    super(`${path === "" ? "" : `${path}: `}${message} ${remedy}`);
    this.path = path;
    this.remedy = remedy;
  }
}
