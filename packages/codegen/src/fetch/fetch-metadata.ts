import type { TokenProvider } from "@bcts/auth";
import { MetadataFetchError } from "./metadata-fetch-error.js";

export interface FetchMetadataOptions {
  readonly credential: TokenProvider;
  /** Injected transport (tests, proxies); defaults to the global fetch. */
  readonly fetch?: typeof fetch;
  readonly abortSignal?: AbortSignal;
}

/**
 * GETs `{serviceRoot}/$metadata` with a bearer token and returns the XML text.
 *
 * @example
 * const xml = await fetchMetadata("https://api.businesscentral.dynamics.com/v2.0/<tenant>/Production/api/v2.0", { credential });
 * // GET https://api.businesscentral.dynamics.com/v2.0/<tenant>/Production/api/v2.0/$metadata
 */
export async function fetchMetadata(serviceRoot: string, options: FetchMetadataOptions): Promise<string> {
  const url = `${serviceRoot.replace(/\/+$/, "")}/$metadata`;
  const transport = options.fetch ?? globalThis.fetch;
  const token = await options.credential.getToken(options.abortSignal ? { abortSignal: options.abortSignal } : {});
  let response: Response;
  try {
    response = await transport(url, {
      method: "GET",
      headers: { authorization: `Bearer ${token.token}`, accept: "application/xml" },
      // Redirects are refused, not followed: the request carries the token, and a document from
      // another place is code from someone else (docs/security.md).
      redirect: "manual",
      ...(options.abortSignal ? { signal: options.abortSignal } : {}),
    });
  } catch (error) {
    if (options.abortSignal?.aborted) throw error;
    const cause = error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ""}` : String(error);
    throw new MetadataFetchError(url, `could not reach the server: ${cause}`, "check the host name, network and proxy; for the emulator, check that it is running.", undefined, { cause: error });
  }
  if ((response.status >= 300 && response.status < 400) || response.type === "opaqueredirect") {
    await response.body?.cancel();
    const location = response.headers.get("location");
    throw new MetadataFetchError(
      url,
      `answered ${response.status} with a redirect${location ? ` to ${redactQuery(location)}` : ""}, which bcts does not follow with a token`,
      "put the final service root in the config (for Business Central online: https://api.businesscentral.dynamics.com/v2.0/<tenant>/<environment>/<route>).",
      response.status,
    );
  }
  const body = await response.text();
  if (!response.ok) {
    throw new MetadataFetchError(url, `answered ${response.status} ${response.statusText}${body ? `: ${body.slice(0, 200)}` : ""}`, remedyFor(response.status), response.status);
  }
  const contentType = response.headers.get("content-type") ?? "(none)";
  const start = body.trimStart();
  if (!start.startsWith("<") || (contentType !== "(none)" && !/xml/i.test(contentType))) {
    throw new MetadataFetchError(url, `returned something that is not XML (content-type ${contentType}; first bytes ${JSON.stringify(body.slice(0, 80))})`, "check that the URL is a service root such as …/api/v2.0 or …/ODataV4, not a login or error page.", response.status);
  }
  return body;
}

function redactQuery(location: string): string {
  const cut = location.search(/[?#]/);
  return cut < 0 ? location : `${location.slice(0, cut)}?…`;
}

function remedyFor(status: number): string {
  switch (status) {
    case 401:
      return "the token was rejected; check the tenant id, the app registration's Business Central API permission (API.ReadWrite.All or Automation) and admin consent.";
    case 403:
      return "the app is authenticated but not allowed; register it in Business Central (Microsoft Entra Applications page) and grant permission sets.";
    case 404:
      return "check the environment name and the route path (api/v2.0, api/<publisher>/<group>/<version>, ODataV4).";
    default:
      return status >= 500 ? "the server failed; retry later or check the service health." : "check the URL and credentials.";
  }
}
