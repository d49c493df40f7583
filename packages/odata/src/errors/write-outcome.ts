/**
 * What a failed write did on the server, as far as the client can know:
 * - `"not-applied"`: certain — nothing was sent, or Business Central answered an error (which changes nothing).
 *   Sending the same write again is safe.
 * - `"unknown"`: the body was sent and the answer was lost (connection reset, timeout) or came from a gateway
 *   (502/504, an HTML page). The write may or may not have happened: look the record up before sending it again
 *   (`createOrFind` does that for creates).
 * - `"applied"`: Business Central answered 2xx, but the answer could not be read (truncated or wrong shape).
 *   Do not send it again; read the record to get its current state.
 *
 * Reads (GET) carry no outcome (`undefined`).
 */
export type WriteOutcome = "not-applied" | "unknown" | "applied";

/**
 * True when `error` is a failed write whose effect on the server is unknown: resending it blindly may
 * apply it twice.
 *
 * @example
 * try { await company.customers.create(body); }
 * catch (e) { if (isWriteOutcomeUnknown(e)) await company.customers.createOrFind(body, { key: "number" }); else throw e; }
 */
export function isWriteOutcomeUnknown(error: unknown): boolean {
  return writeOutcomeOf(error) === "unknown";
}

/** The `outcome` of an error thrown by a write (`undefined` for reads and for errors not from @bcts/odata). */
export function writeOutcomeOf(error: unknown): WriteOutcome | undefined {
  if (error === null || typeof error !== "object") return undefined;
  const outcome = (error as { outcome?: unknown }).outcome;
  return outcome === "not-applied" || outcome === "unknown" || outcome === "applied" ? outcome : undefined;
}

/** The sentence an error message ends with, per outcome. */
export function describeOutcome(outcome: WriteOutcome | undefined): string {
  switch (outcome) {
    case undefined:
      return "";
    case "not-applied":
      return "The write was not applied; sending it again is safe.";
    case "unknown":
      return "The write MAY HAVE BEEN APPLIED (the request was sent, the answer was lost): look the record up before sending it again (createOrFind does this for creates).";
    case "applied":
      return "The write WAS APPLIED but its answer could not be read: do not send it again; read the record instead.";
  }
}
