import { bcErrors } from "../http/bc-error.js";

/** Opaque `$skiptoken` (§4: format [UNK]); it carries the offset into the query window. */
export function encodeSkipToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset }), "utf8").toString("base64url");
}

export function decodeSkipToken(token: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { o?: unknown };
    if (typeof parsed.o === "number" && Number.isInteger(parsed.o) && parsed.o >= 0) return parsed.o;
  } catch {
    // fall through
  }
  throw bcErrors.querySyntax(`The skip token '${token}' is not valid.`);
}
