/**
 * Hands out names that are unique within one namespace (a route's exports, an object's keys, a
 * folder's file names). A name is taken together with all its derived forms, so `Customer`,
 * `CustomerCreate` and `CustomerModel` never clash with another type's forms.
 */
export class NameAllocator {
  readonly #taken = new Set<string>();
  constructor(
    reserved: Iterable<string> = [],
    private readonly caseInsensitive = false,
    private readonly separator = "_",
  ) {
    for (const name of reserved) this.#taken.add(this.#norm(name));
  }

  /** The first of `base`, `base_2`, `base_3`… for which every `derive(candidate)` form is free. */
  take(base: string, derive: (candidate: string) => readonly string[] = (c) => [c]): string {
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}${this.separator}${n}`;
      const forms = derive(candidate).map((f) => this.#norm(f));
      if (forms.every((f) => !this.#taken.has(f)) && new Set(forms).size === forms.length) {
        for (const f of forms) this.#taken.add(f);
        return candidate;
      }
    }
  }

  #norm(name: string): string {
    return this.caseInsensitive ? name.toLowerCase() : name;
  }
}
