import { BcError } from "../http/bc-error.js";

/** An operation read from a multipart batch, in the JSON batch's shape. */
export interface MultipartOperation {
  readonly id: string | null;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
  readonly atomicityGroup: string | undefined;
  readonly dependsOn: readonly string[];
}

function boundaryOf(contentType: string): string {
  const m = /boundary=("?)([^";]+)\1/i.exec(contentType);
  if (!m) throw new BcError(400, "BadRequest", "The multipart batch has no boundary.");
  return m[2]!;
}

function splitParts(text: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts = text.split(delimiter).slice(1);
  const out: string[] = [];
  for (const part of parts) {
    if (part.startsWith("--")) break;
    out.push(part.replace(/^\r?\n/, ""));
  }
  return out;
}

/** `Header: value` lines up to the first blank line; returns headers (lower-case) and the rest. */
function readHeaders(text: string): { headers: Record<string, string>; rest: string } {
  const m = /\r?\n\r?\n/.exec(text);
  const head = m ? text.slice(0, m.index) : text;
  const rest = m ? text.slice(m.index + m[0].length) : "";
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, rest };
}

function readHttpPart(text: string, index: number, group: string | undefined, contentId: string | undefined): MultipartOperation {
  const lineEnd = text.search(/\r?\n/);
  const requestLine = (lineEnd < 0 ? text : text.slice(0, lineEnd)).trim();
  const m = /^([A-Z]+)\s+(\S+)(\s+HTTP\/\d\.\d)?$/.exec(requestLine);
  if (!m) throw new BcError(400, "BadRequest", `Invalid request line in multipart batch: '${requestLine}'.`);
  const { headers, rest } = readHeaders(lineEnd < 0 ? "" : text.slice(lineEnd).replace(/^\r?\n/, ""));
  const bodyText = rest.replace(/\r?\n$/, "");
  let body: unknown;
  if (bodyText.trim() !== "") {
    try {
      body = JSON.parse(bodyText);
    } catch {
      body = bodyText;
    }
  }
  return { id: contentId ?? String(index + 1), method: m[1]!, url: m[2]!, headers, body, atomicityGroup: group, dependsOn: [] };
}

/**
 * Reads a `multipart/mixed` OData batch (requests and change sets). BC accepts this form but answers
 * in the JSON batch format (§6). A change set becomes one `atomicityGroup`.
 */
export function parseMultipartBatch(body: string, contentType: string): MultipartOperation[] {
  const ops: MultipartOperation[] = [];
  for (const part of splitParts(body, boundaryOf(contentType))) {
    const { headers, rest } = readHeaders(part);
    const type = headers["content-type"] ?? "";
    if (/^multipart\/mixed/i.test(type)) {
      const group = boundaryOf(type);
      for (const inner of splitParts(rest, group)) {
        const h = readHeaders(inner);
        ops.push(readHttpPart(h.rest, ops.length, group, h.headers["content-id"]));
      }
    } else {
      ops.push(readHttpPart(rest, ops.length, undefined, headers["content-id"]));
    }
  }
  return ops;
}
