/** Debugging view of one response, passed to `onResponse` of any operation. */
export interface ResponseInfo {
  readonly method: string;
  /** The exact URL sent. */
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
  /** `@odata.nextLink` of a collection response, if any. */
  readonly nextLink: string | undefined;
  /** The `client-request-id` sent with the call (quote it to Microsoft support together with BC's correlation id). */
  readonly clientRequestId?: string | undefined;
}

/** Options every operation accepts (Azure SDK style). */
export interface RequestOptions {
  readonly abortSignal?: AbortSignal;
  /** Overrides the client's `timeoutInMs` for this call (per attempt). */
  readonly timeoutInMs?: number;
  /** Extra request headers (e.g. `Accept-Language`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Called with status, headers, URL and nextLink of every response of this call. */
  readonly onResponse?: (response: ResponseInfo) => void;
}

/** Reads may go to a read replica: `Data-Access-Intent: ReadOnly` (may be slightly stale after a write). */
export interface ReadOptions extends RequestOptions {
  readonly readOnlyIntent?: boolean;
}

/**
 * Which version a write applies to (BC demands If-Match on PATCH). Precedence: `ifMatch: "*"`, `etag`,
 * `entity["@odata.etag"]`; with none of them the entity is read first to get its current ETag.
 */
export interface ConcurrencyOptions extends RequestOptions {
  readonly etag?: string;
  readonly entity?: { readonly "@odata.etag"?: string };
  /** `"*"` overwrites whatever version is stored. Only sent when asked for. */
  readonly ifMatch?: "*";
}
