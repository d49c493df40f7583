/**
 * `createOrFind` looked a record up by its alternate key and found more than one: the key does not
 * identify one record, so the call cannot tell which is "the" record and creates nothing.
 *
 * @example
 * await company.customers.createOrFind({ number: "C-1001", displayName: "Adatum" }, { key: "number" });
 * // ODataDuplicateKeyError: 2 customers records have number = "C-1001"; createOrFind needs a key that identifies one record. …
 */
export class ODataDuplicateKeyError extends Error {
  override readonly name = "ODataDuplicateKeyError";
  readonly key: string;
  readonly value: unknown;
  /** URL of the lookup that found several records. */
  readonly url: string;
  readonly remedy: string;

  constructor(key: string, value: unknown, url: string) {
    const remedy = "Use a key that is unique in Business Central (e.g. number, or an external id your API enforces as unique), and remove the duplicates.";
    super(`More than one record at ${url} has ${key} = ${JSON.stringify(value)}; createOrFind needs a key that identifies one record. ${remedy}`);
    this.key = key;
    this.value = value;
    this.url = url;
    this.remedy = remedy;
  }
}
