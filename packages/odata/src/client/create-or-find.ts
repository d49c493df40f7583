import { ODataDuplicateKeyError } from "../errors/odata-duplicate-key-error.js";
import { ODataError } from "../errors/odata-error.js";
import { ODataQueryError } from "../errors/odata-query-error.js";
import { writeOutcomeOf } from "../errors/write-outcome.js";
import type { RequestOptions } from "./request-options.js";

/** Options of `createOrFind`. */
export interface CreateOrFindOptions<K extends string = string> extends RequestOptions {
  /**
   * The alternate key that identifies the record across runs, e.g. `"number"`, or an external-id field of a
   * custom API. The body must carry a value for it. It must be unique in Business Central for the
   * no-duplicates promise to hold when BC is still processing a lost attempt (see docs/errors-and-retries.md).
   */
  readonly key: K;
  /** Look the record up before the first create (default true). `false` saves one GET when records are usually new. */
  readonly lookupFirst?: boolean;
  /** Creates sent again after an unknown outcome whose lookup found nothing (default 2). */
  readonly maxResends?: number;
}

/** What `createOrFind` did. */
export interface CreateOrFindResult<T> {
  readonly entity: T;
  /**
   * True when this call created the record (including: an attempt's answer was lost and the lookup then
   * found it, and `lookupFirst` had shown it absent); false when it already existed.
   */
  readonly created: boolean;
}

/** The two calls `createOrFind` is built from. */
export interface CreateOrFindTarget {
  toUrl(): string;
  create(body: object, options?: RequestOptions): Promise<unknown>;
  /** Up to two records whose `key` equals `value`. */
  findByKey(key: string, value: unknown, options: RequestOptions): Promise<readonly unknown[]>;
}

/**
 * Creates a record unless one with the same alternate key exists, surviving lost answers without
 * duplicates: (1) look up `key = body[key]`; found → return it. (2) create. (3) on an unknown outcome
 * (or an "applied" one whose answer was unreadable) look up again: found → it is ours; not found → the
 * create did not apply, send it again (up to `maxResends`). (4) a 409 on create (BC refuses a duplicate
 * key) → look up and return the existing record.
 *
 * @example
 * const { entity, created } = await company.customers.createOrFind({ number: "C-1001", displayName: "Adatum" }, { key: "number" });
 * // GET …/customers?$filter=number eq 'C-1001'&$top=2  → none → POST …/customers → 201
 */
export async function createOrFind(target: CreateOrFindTarget, body: object, options: CreateOrFindOptions): Promise<CreateOrFindResult<unknown>> {
  const { key, lookupFirst = true, maxResends = 2 } = options;
  const value = (body as Record<string, unknown>)[key];
  if (value === undefined || value === null || value === "") {
    throw new ODataQueryError(`createOrFind needs a value for its key "${key}" in the body.`, `Pass the body with ${key} set, e.g. { ${key}: "C-1001", … }. Nothing was sent.`);
  }
  const request: RequestOptions = { abortSignal: options.abortSignal, timeoutInMs: options.timeoutInMs, headers: options.headers, onResponse: options.onResponse };
  const find = async (): Promise<unknown> => {
    const rows = await target.findByKey(key, value, request);
    if (rows.length > 1) throw new ODataDuplicateKeyError(key, value, target.toUrl());
    return rows[0];
  };
  if (lookupFirst) {
    const existing = await find();
    if (existing !== undefined) return { entity: existing, created: false };
  }
  for (let resends = 0; ; resends++) {
    try {
      return { entity: await target.create(body, request), created: true };
    } catch (error) {
      const outcome = writeOutcomeOf(error);
      if (error instanceof ODataError && error.status === 409 && outcome !== "unknown") {
        const existing = await find();
        if (existing !== undefined) return { entity: existing, created: false };
        throw error;
      }
      if (outcome !== "unknown" && outcome !== "applied") throw error;
      const found = await find();
      if (found !== undefined) return { entity: found, created: lookupFirst };
      if (outcome === "applied" || resends >= maxResends) throw error;
    }
  }
}
