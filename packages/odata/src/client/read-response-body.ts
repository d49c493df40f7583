import { ODataValueError } from "../errors/odata-value-error.js";
import type { MalformedResponseReason } from "../errors/odata-response-error.js";

/** What a successful answer's body must look like: an entity object, `{ value: [...] }`, or `{ responses: [...] }`. */
export type ExpectedShape = "entity" | "collection" | "batch";

/** Why a 2xx body is unusable; the executor turns it into an `ODataResponseError` with the call's context. */
export interface MalformedBody {
  readonly reason: MalformedResponseReason;
  readonly detail: string;
  readonly contentType: string | undefined;
  readonly snippet: string;
}

export type BodyRead = { readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly malformed: MalformedBody };

/**
 * Reads the body of a 2xx answer as the call asked (`json` — with its own `parse` when set —, `arrayBuffer`,
 * `stream`) and checks that JSON is JSON of the expected shape. Never throws SyntaxError; a connection that
 * breaks mid-body rejects with the transport's error.
 *
 * @example
 * await readResponseBody(new Response("<html>Sign in</html>", { headers: { "Content-Type": "text/html" } }), { method: "GET", expect: "entity" })
 * // { ok: false, malformed: { reason: "media-type", detail: "text/html where JSON was expected", … } }
 */
export async function readResponseBody(
  response: Response,
  call: { readonly method: string; readonly parseAs?: "json" | "arrayBuffer" | "stream" | undefined; readonly parse?: ((text: string) => unknown) | undefined; readonly expect?: ExpectedShape | undefined },
): Promise<BodyRead> {
  if (call.parseAs === "stream") return { ok: true, data: response.body ?? undefined };
  if (call.parseAs === "arrayBuffer") return { ok: true, data: response.status === 204 ? undefined : await response.arrayBuffer() };
  const text = response.status === 204 ? "" : await response.text();
  const contentType = response.headers.get("content-type") ?? undefined;
  const bad = (reason: MalformedResponseReason, detail: string): BodyRead => ({ ok: false, malformed: { reason, detail, contentType, snippet: text.slice(0, 200) } });
  // Where the body starts, without copying it (a page can be megabytes).
  const start = text.search(/\S/);
  if (start < 0) {
    if (call.expect === undefined || (response.status === 204 && call.method !== "GET")) return { ok: true, data: undefined };
    return bad("empty", `no body where ${article(call.expect)} was expected`);
  }
  if (text.startsWith("<", start) || (contentType !== undefined && !/json/i.test(contentType))) {
    return bad("media-type", `${contentType ?? (text.startsWith("<?xml", start) ? "XML" : "markup")} where JSON was expected`);
  }
  let data: unknown;
  try {
    data = call.parse === undefined ? JSON.parse(text) : call.parse(text);
  } catch (error) {
    if (error instanceof ODataValueError) throw error;
    return error instanceof SyntaxError ? bad("not-json", `a body that is not JSON (${error.message})`) : bad("shape", `JSON of an unexpected shape (${(error as Error).message})`);
  }
  const shapeError = call.expect === undefined ? undefined : checkShape(data, call.expect);
  return shapeError === undefined ? { ok: true, data } : bad("shape", shapeError);
}

function checkShape(data: unknown, expect: ExpectedShape): string | undefined {
  const isObject = data !== null && typeof data === "object" && !Array.isArray(data);
  switch (expect) {
    case "entity":
      if (!isObject) return `${describe(data)} where an entity (JSON object) was expected`;
      // `{"value": …}` alone is a collection or primitive wrapper, never an entity (entities carry @odata.etag or their fields).
      return Object.keys(data).length === 1 && "value" in data ? `a {"value": …} wrapper where an entity was expected` : undefined;
    case "collection":
      return isObject && Array.isArray((data as { value?: unknown }).value) ? undefined : `${isObject ? `"value" as ${describe((data as { value?: unknown }).value)}` : describe(data)} where a collection {"value":[…]} was expected`;
    case "batch":
      return isObject && Array.isArray((data as { responses?: unknown }).responses) ? undefined : `${describe(data)} where a $batch answer {"responses":[…]} was expected`;
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function article(expect: ExpectedShape): string {
  return expect === "entity" ? "an entity" : expect === "collection" ? "a collection" : "a $batch answer";
}
