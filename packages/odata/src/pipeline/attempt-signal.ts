/**
 * The abort signal of one attempt — the caller's signal combined with the per-attempt timeout —
 * passed from `attemptTimeoutPolicy` to the steps inside it (token acquisition, the transport)
 * without building another `Request`. Falls back to the request's own signal.
 */
const signals = new WeakMap<Request, AbortSignal>();

export function setAttemptSignal(request: Request, signal: AbortSignal): void {
  signals.set(request, signal);
}

/** The signal that ends this attempt: use it for everything the attempt waits on. */
export function attemptSignalOf(request: Request): AbortSignal {
  return signals.get(request) ?? request.signal;
}
