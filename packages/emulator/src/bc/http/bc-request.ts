/** A request as the OData layer sees it (from the socket, or one operation of a `$batch`). */
export interface BcRequest {
  readonly method: string;
  readonly url: URL;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer | undefined;
}
