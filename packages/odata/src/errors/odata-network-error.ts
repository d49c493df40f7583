import { ODataRequestError, type RequestErrorContext } from "./odata-request-error.js";

/** What went wrong on the wire. */
export type NetworkFailureKind =
  /** Nothing listens at the address (ECONNREFUSED). Nothing was sent. */
  | "refused"
  /** The host name did not resolve (ENOTFOUND, EAI_AGAIN). Nothing was sent. */
  | "dns"
  /** The TLS handshake failed (untrusted or mismatched certificate). Nothing was sent. */
  | "tls"
  /** Could not connect in time (UND_ERR_CONNECT_TIMEOUT). Nothing was sent. */
  | "connect-timeout"
  /** The connection broke after the request went out (ECONNRESET, socket closed, body cut). */
  | "reset"
  /** Anything else the transport threw. */
  | "other";

const REMEDIES: Record<NetworkFailureKind, string> = {
  refused: "Check the URL (baseUrl/serviceRootUrl) and that the server runs and listens on that port.",
  dns: "Check the host name in baseUrl/serviceRootUrl and the machine's DNS (and proxy) settings.",
  tls:
    "The server's certificate is not trusted: behind a TLS-inspecting proxy, point NODE_EXTRA_CA_CERTS at the proxy's CA certificate (PEM) and set HTTPS_PROXY/NO_PROXY for Node; on-premises, use a certificate whose name matches the host.",
  "connect-timeout": "Check network reachability, firewalls and proxy settings (HTTPS_PROXY/NO_PROXY).",
  reset: "A proxy, load balancer or the server closed the connection; retry later (reads are retried for you).",
  other: "See `cause` for what the transport reported.",
};

/**
 * The request failed on the network: refused, DNS, TLS, connect timeout, or a connection reset.
 * `kind` says which, `code` is the transport's code (e.g. "ECONNRESET", "UND_ERR_SOCKET", "CERT_HAS_EXPIRED"),
 * `cause` the original error. Writes carry `outcome`: `"not-applied"` when no connection was made, else `"unknown"`.
 *
 * @example
 * catch (e) { if (e instanceof ODataNetworkError && e.kind === "tls") console.error(e.remedy); }
 */
export class ODataNetworkError extends ODataRequestError {
  override readonly name = "ODataNetworkError";
  readonly kind: NetworkFailureKind;
  readonly code: string | undefined;

  constructor(kind: NetworkFailureKind, code: string | undefined, context: RequestErrorContext) {
    super(`failed on the network: ${describe(kind)}${code ? ` (${code})` : ""}`, context, REMEDIES[kind]);
    this.kind = kind;
    this.code = code;
  }
}

function describe(kind: NetworkFailureKind): string {
  switch (kind) {
    case "refused":
      return "connection refused";
    case "dns":
      return "host name not found";
    case "tls":
      return "TLS handshake failed";
    case "connect-timeout":
      return "could not connect in time";
    case "reset":
      return "the connection was closed before the answer arrived";
    case "other":
      return "the transport failed";
  }
}
