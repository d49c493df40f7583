/** A response before it goes on the wire (or into a `$batch` response). */
export interface BcResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** JSON value, raw text/bytes, or nothing. */
  readonly body: { readonly kind: "json"; readonly value: unknown } | { readonly kind: "raw"; readonly data: Buffer | string } | { readonly kind: "none" };
}

/** Media type BC uses for JSON responses (§10). */
export const odataJson = "application/json; odata.metadata=minimal; odata.streaming=true";

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): BcResponse {
  return { status, headers: { "content-type": odataJson, "odata-version": "4.0", ...headers }, body: { kind: "json", value } };
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): BcResponse {
  return { status, headers, body: { kind: "none" } };
}

export function rawResponse(status: number, contentType: string, data: Buffer | string, headers: Record<string, string> = {}): BcResponse {
  return { status, headers: { "content-type": contentType, ...headers }, body: { kind: "raw", data } };
}
