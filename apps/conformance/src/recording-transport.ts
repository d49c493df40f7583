/** One request as it left the client: what the conformance checks compare with the protocol. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly body: string;
}

/**
 * A transport for `createODataClient({ fetch })` that records every request, then sends it with
 * `globalThis.fetch`. `clear()` between checks; `last()` is the newest.
 *
 * @example
 * const transport = recordingTransport();
 * createODataClient(route, { serviceRootUrl, fetch: transport.fetch });
 * transport.last()?.headers.get("If-Match")
 */
export function recordingTransport() {
  const requests: RecordedRequest[] = [];
  return {
    requests,
    clear: () => void requests.splice(0),
    last: (): RecordedRequest | undefined => requests[requests.length - 1],
    fetch: async (request: Request, init?: { readonly signal?: AbortSignal }): Promise<Response> => {
      const body = request.body === null ? "" : await request.clone().text();
      requests.push({ method: request.method, url: request.url, headers: new Headers(request.headers), body });
      return globalThis.fetch(request, init);
    },
  };
}
