/**
 * What the pipeline reports through the client option `onEvent` — throttling, identity-wide pauses,
 * waiting for a slot, retries and giving up — for logs, metrics and traces. Events carry no tokens,
 * secrets or bodies; URLs are the request URLs (which may contain filter values).
 *
 * @example
 * createODataClient(apiV2_0, { tenantId, credential, onEvent: (e) => e.kind === "throttled" && console.warn(e.status, e.retryAfterInMs) });
 */
export type PipelineEvent =
  /** A request waited for its identity's slot, window budget or pause before it was sent, or is the one probe after a pause. */
  | PipelineEventBase<"queued"> & { readonly waitedInMs: number; readonly probe: boolean }
  /** Business Central answered 429 or 503: the request was not processed. */
  | PipelineEventBase<"throttled"> & { readonly status: 429 | 503; readonly retryAfterInMs: number | undefined }
  /** Every request of the identity waits `delayInMs` (Retry-After, else backoff with jitter). */
  | PipelineEventBase<"paused"> & { readonly delayInMs: number; readonly reason: string; readonly fromRetryAfter: boolean }
  /** The request will be sent again: after the identity's pause (`throttled: true`) or after `delayInMs` of its own backoff. */
  | PipelineEventBase<"retry"> & { readonly delayInMs: number; readonly reason: string; readonly throttled: boolean }
  /** No further attempt: the error or response goes back to the caller. */
  | PipelineEventBase<"gave-up"> & { readonly reason: string; readonly elapsedInMs: number; readonly throttled: boolean };

export type PipelineEventKind = PipelineEvent["kind"];

export interface PipelineEventBase<K extends string> {
  readonly kind: K;
  /** The limiter identity, e.g. `https://login.microsoftonline.com|contoso.onmicrosoft.com|0b9c…`. */
  readonly identity: string;
  readonly method: string;
  readonly url: string;
  /** The call's `client-request-id` (shared by all its attempts); undefined when the request has none. */
  readonly clientRequestId: string | undefined;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Epoch ms on the client's clock. */
  readonly at: number;
}

/** Receives pipeline events; exceptions it throws are swallowed (a logger must not break a call). */
export type PipelineEventListener = (event: PipelineEvent) => void;

/** Calls the listener, shielding the pipeline from its errors. */
export function emitPipelineEvent(listener: PipelineEventListener | undefined, event: PipelineEvent): void {
  if (listener === undefined) return;
  try {
    listener(event);
  } catch {
    // Deliberately ignored: observation must not change the outcome of a request.
  }
}
