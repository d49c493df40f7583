import type { RequestExecutor } from "./request-executor.js";
import type { ConcurrencyOptions, ReadOptions } from "./request-options.js";
import { readHeaders } from "./read-helpers.js";
import { resolveIfMatch } from "./resolve-if-match.js";

/** Runtime implementation of `StreamClient`: GET / PATCH `{entity}/{streamProperty}` as raw bytes. */
export class StreamClientImpl {
  readonly #executor: RequestExecutor;
  readonly #entityUrl: string;
  readonly #keyName: string | undefined;
  readonly #name: string;

  constructor(executor: RequestExecutor, entityUrl: string, keyName: string | undefined, name: string) {
    this.#executor = executor;
    this.#entityUrl = entityUrl;
    this.#keyName = keyName;
    this.#name = name;
  }

  toUrl(): string {
    return `${this.#entityUrl}/${this.#name}`;
  }

  async download(options?: ReadOptions): Promise<Uint8Array> {
    const headers = { Accept: "*/*", ...readHeaders(options) };
    const { data } = await this.#executor.send({ method: "GET", url: this.toUrl(), headers, parseAs: "arrayBuffer" }, options);
    return data === undefined ? new Uint8Array(0) : new Uint8Array(data as ArrayBuffer);
  }

  async upload(content: Uint8Array | Blob, options?: ConcurrencyOptions & { contentType?: string }): Promise<void> {
    const ifMatch = await resolveIfMatch(this.#executor, this.#entityUrl, this.#keyName, options);
    const headers = { "Content-Type": options?.contentType ?? "application/octet-stream", "If-Match": ifMatch };
    await this.#executor.send({ method: "PATCH", url: this.toUrl(), headers, body: content }, options);
  }
}
