import { ODataConcurrencyError, ODataError, type ODataErrorContext } from "./odata-error.js";

const CORRELATION = /\s*CorrelationId:\s*([0-9a-fA-F-]{36})\.?\s*$/;

/**
 * Builds the typed error for a failed response from its (already read) body: BC's JSON
 * `{"error":{"code","message"}}`, the OData XML `<error><code/><message/></error>`, or anything else.
 *
 * @example
 * createODataError({ status: 409, body: { error: { code: "Request_EntityChanged", message: "Another user has already changed the record.  CorrelationId:  4d5c…." } }, … })
 * // ODataConcurrencyError { code: "Request_EntityChanged", correlationId: "4d5c…" }
 */
export function createODataError(input: { status: number; method: string; url: string; headers: Headers; body: unknown; clientRequestId?: string | undefined }): ODataError {
  const { code, message } = readCodeAndMessage(input.body, input.status);
  const match = CORRELATION.exec(message);
  const context: ODataErrorContext = {
    status: input.status,
    code,
    message: match ? message.slice(0, match.index) : message,
    correlationId: match?.[1] ?? input.headers.get("ms-correlation-x") ?? input.headers.get("x-ms-correlation-id") ?? undefined,
    requestId: input.headers.get("request-id") ?? input.headers.get("x-ms-request-id") ?? input.clientRequestId,
    method: input.method,
    url: input.url,
    headers: input.headers,
    body: input.body,
  };
  return (input.status === 409 && code === "Request_EntityChanged") || input.status === 412 ? new ODataConcurrencyError(context) : new ODataError(context);
}

function readCodeAndMessage(body: unknown, status: number): { code: string; message: string } {
  if (body !== null && typeof body === "object") {
    const error = (body as { error?: unknown }).error;
    if (error !== null && typeof error === "object") {
      const { code, message } = error as { code?: unknown; message?: unknown };
      return { code: typeof code === "string" ? code : "", message: typeof message === "string" ? message : "" };
    }
    const legacy = (body as { message?: unknown }).message;
    return { code: "", message: typeof legacy === "string" ? legacy : JSON.stringify(body) };
  }
  if (typeof body === "string") {
    const trimmed = body.trim();
    if (trimmed.startsWith("{")) {
      try {
        return readCodeAndMessage(JSON.parse(trimmed), status);
      } catch {
        // not JSON after all; fall through to text
      }
    }
    if (trimmed.startsWith("<")) {
      return { code: decodeXml(/<(?:\w+:)?code>([\s\S]*?)<\/(?:\w+:)?code>/.exec(trimmed)?.[1] ?? ""), message: decodeXml(/<(?:\w+:)?message[^>]*>([\s\S]*?)<\/(?:\w+:)?message>/.exec(trimmed)?.[1] ?? "") };
    }
    return { code: "", message: trimmed.slice(0, 500) };
  }
  return { code: "", message: `HTTP ${status}` };
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e] ?? "");
}
