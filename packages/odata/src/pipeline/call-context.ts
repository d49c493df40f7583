/**
 * What the request executor tells the pipeline about one call, keyed by the `Request` object
 * openapi-fetch passes to the call's own `fetch` (exact per call, even when two calls share a
 * client-request-id):
 *
 * - `release`: the retry loop puts the limiter slot of the attempt it returns here when the executor
 *   reads the body itself, and the executor calls it in a `finally`. Without a context the loop ties
 *   the slot to the body instead (`releaseWhenFinished`, a new `ReadableStream` and `Response`):
 *   measured 15–20 µs per request, the largest single cost of the pipeline on a loopback server.
 * - `abortable`: false when the call has no abort signal of its own, so that the transport need not
 *   hand fetch a signal that can never fire — following a signal costs fetch ~12 µs per request
 *   (docs/benchmarks.md, "Where a request's time goes").
 *
 * @example
 * const context: CallContext = { release: undefined, abortable: abortSignal !== undefined };
 * await client.request("GET", url, { fetch: (request) => (bindCallContext(request, context), pipeline(request)) });
 * await response.text();
 * context.release?.();   // the slot is free again here
 */
export interface CallContext {
  release: (() => void) | undefined;
  readonly abortable: boolean;
}

const contexts = new WeakMap<Request, CallContext>();

/** The executor: `request` belongs to the call described by `context`. */
export function bindCallContext(request: Request, context: CallContext): void {
  contexts.set(request, context);
}

/** The pipeline: the context of the call this exact request belongs to, if its executor gave one. */
export function callContextOf(request: Request): CallContext | undefined {
  return contexts.get(request);
}
