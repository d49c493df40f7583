/**
 * A body-less request as the pipeline reads it — `url`, `method`, `headers`, `signal`, `redirect`,
 * `body: null`, `clone()` — without what Node's `Request` builds on top: its own `AbortController`
 * following the caller's signal, URL parsing and a header copy. The executor hands this class to
 * openapi-fetch (its public `Request` option) for calls without a body when no middleware of the
 * user's would see the request; everything else gets a real `Request`.
 *
 * Why: each `Request` costs ~6 µs in Node 20 (the breakdown's "a `Request` object" row), most of it
 * creating the `AbortSignal` (`makeTransferable`), and the default transport sends URL + init anyway.
 * A custom transport still receives a real `Request` (`toFetchRequest`).
 *
 * @example
 * createClient({ fetch: pipeline }).request("GET", url, { Request: BareRequest as typeof Request, headers, signal });
 * // pipeline(bare) → fetch("https://…/customers?$top=5", { method: "GET", headers, redirect: "manual" })
 */
export class BareRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly signal: AbortSignal;
  readonly redirect: RequestRedirect;
  readonly body = null;
  readonly bodyUsed = false;

  constructor(url: string, init: { readonly method?: string; readonly headers?: Headers; readonly signal?: AbortSignal | null; readonly redirect?: RequestRedirect } = {}) {
    this.url = url;
    this.method = init.method ?? "GET";
    // openapi-fetch passes the Headers it merged; anything else is copied as `Request` would.
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.signal = init.signal ?? NEVER_ABORTED;
    this.redirect = init.redirect ?? "follow";
  }

  /** A copy with its own headers, as `Request.clone()` gives. */
  clone(): BareRequest {
    return new BareRequest(this.url, { method: this.method, headers: new Headers(this.headers), signal: this.signal, redirect: this.redirect });
  }
}

/** The signal of a request whose caller gave none: it never fires (one for all of them). */
const NEVER_ABORTED = new AbortController().signal;

/** A real `Request` for code outside the pipeline (a custom transport): a `BareRequest` is rebuilt, anything else passes. */
export function toFetchRequest(request: Request, init?: { readonly headers?: Headers }): Request {
  if (!(request instanceof BareRequest)) return init === undefined ? request : new Request(request, init);
  const own = request as BareRequest;
  return new Request(own.url, { method: own.method, headers: init?.headers ?? own.headers, signal: own.signal === NEVER_ABORTED ? undefined : own.signal, redirect: own.redirect });
}
