/**
 * Remembers, per client, the PATCH and DELETE calls whose outcome was unknown (answer lost), so that
 * the caller's own retry of the same write can be told apart from a real conflict: a PATCH sent again
 * with the same If-Match that gets 409/412, or a DELETE that gets 404, may be meeting its own first try.
 * Bounded (oldest forgotten first) and kept in memory only.
 *
 * @example
 * ledger.note("PATCH", url, 'W/"1"'); ledger.has("PATCH", url, 'W/"1"') // true
 */
export class UnknownWriteLedger {
  readonly #keys = new Set<string>();
  readonly #capacity: number;

  constructor(capacity = 1000) {
    this.#capacity = capacity;
  }

  note(method: string, url: string, ifMatch: string | undefined): void {
    const key = keyOf(method, url, ifMatch);
    this.#keys.delete(key);
    this.#keys.add(key);
    if (this.#keys.size > this.#capacity) this.#keys.delete(this.#keys.values().next().value as string);
  }

  has(method: string, url: string, ifMatch: string | undefined): boolean {
    return this.#keys.has(keyOf(method, url, ifMatch));
  }

  forget(method: string, url: string, ifMatch: string | undefined): void {
    this.#keys.delete(keyOf(method, url, ifMatch));
  }
}

function keyOf(method: string, url: string, ifMatch: string | undefined): string {
  return `${method} ${url} ${ifMatch ?? ""}`;
}
