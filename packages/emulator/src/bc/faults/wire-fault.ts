import type { BcResponse } from "../http/bc-response.js";
import type { FaultAction } from "./fault-injector.js";

/** What a fault does on the wire, after (or instead of) processing the request. */
export type WireFault =
  | { readonly kind: "normal" }
  /** Destroy the socket; `afterProcessing` says whether the request was processed first (a write committed). */
  | { readonly kind: "reset"; readonly afterProcessing: boolean }
  /** Send the real answer with its JSON cut in half. */
  | { readonly kind: "malformed" }
  /** Send `response` instead of the real answer. */
  | { readonly kind: "replace"; readonly response: BcResponse; readonly afterProcessing: boolean };

/**
 * The wire effect of one fault action (`normal` for actions that act before processing: latency, status, token).
 *
 * @example
 * wireFaultOf({ kind: "gateway", status: 504, afterProcessing: true })
 * // { kind: "replace", response: { status: 504, headers: { "content-type": "text/html" }, … }, afterProcessing: true }
 */
export function wireFaultOf(action: FaultAction): WireFault {
  switch (action.kind) {
    case "latency":
    case "status":
    case "expireToken":
      return { kind: "normal" };
    case "reset":
    case "lostResponse":
      return { kind: "reset", afterProcessing: true };
    case "resetBeforeProcessing":
      return { kind: "reset", afterProcessing: false };
    case "malformedBody":
      return { kind: "malformed" };
    case "gateway": {
      const title = action.status === 504 ? "504 Gateway Time-out" : "502 Bad Gateway";
      const body = `<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center></body></html>`;
      return { kind: "replace", response: { status: action.status, headers: { "content-type": "text/html" }, body: { kind: "raw", data: body } }, afterProcessing: action.afterProcessing === true };
    }
    case "answer": {
      const headers: Record<string, string> = action.contentType === undefined ? {} : { "content-type": action.contentType };
      const response: BcResponse = { status: action.status ?? 200, headers, body: action.body === "" ? { kind: "none" } : { kind: "raw", data: action.body } };
      return { kind: "replace", response, afterProcessing: action.afterProcessing === true };
    }
  }
}
