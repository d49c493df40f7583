import type { NetworkFailureKind } from "./odata-network-error.js";

/** What a transport error says about the wire. */
export interface NetworkFailure {
  readonly kind: NetworkFailureKind;
  /** The most specific code found on the error or its causes, e.g. "ECONNRESET", "UND_ERR_SOCKET". */
  readonly code: string | undefined;
  /** True when no connection was made, so the server cannot have seen the request. */
  readonly notSent: boolean;
}

const TLS = /^(?:CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED_CERT|HOSTNAME_MISMATCH|ERR_OSSL_)/;
const RESET = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "UND_ERR_SOCKET", "UND_ERR_CLOSED", "UND_ERR_ABORTED", "ERR_STREAM_PREMATURE_CLOSE", "UND_ERR_REQ_CONTENT_LENGTH_MISMATCH", "UND_ERR_RES_CONTENT_LENGTH_MISMATCH"]);

/**
 * Classifies what a `fetch` transport threw (undici: `TypeError("fetch failed", { cause })`, with the
 * system error's `code` on the cause or deeper). Returns undefined for errors that carry no sign of the
 * network (they are not ours to rename).
 *
 * @example
 * classifyNetworkError(new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } }))
 * // { kind: "refused", code: "ECONNREFUSED", notSent: true }
 */
export function classifyNetworkError(error: unknown): NetworkFailure | undefined {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    const nested = (current as { errors?: unknown }).errors; // AggregateError of happy-eyeballs connects
    if (Array.isArray(nested) && nested[0] !== null && typeof nested[0] === "object" && typeof (nested[0] as { code?: unknown }).code === "string") {
      codes.push((nested[0] as { code: string }).code);
    }
    current = (current as { cause?: unknown }).cause;
  }
  const code = codes.find((c) => c !== "UND_ERR_SOCKET" && c !== "ERR_INVALID_STATE") ?? codes[0];
  const message = error instanceof Error ? `${error.message} ${String((error.cause as { message?: unknown } | undefined)?.message ?? "")}` : "";
  if (code === undefined) {
    if (error instanceof TypeError && /fetch failed|terminated|other side closed|socket/i.test(message)) return { kind: "reset", code: undefined, notSent: false };
    return undefined;
  }
  if (code === "ECONNREFUSED") return { kind: "refused", code, notSent: true };
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME" || code === "EAI_FAIL") return { kind: "dns", code, notSent: true };
  if (code === "UND_ERR_CONNECT_TIMEOUT") return { kind: "connect-timeout", code, notSent: true };
  if (TLS.test(code)) return { kind: "tls", code, notSent: true };
  if (RESET.has(code)) return { kind: "reset", code, notSent: false };
  return { kind: "other", code, notSent: false };
}
