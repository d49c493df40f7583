import { XmlUnauthorizedError } from "../auth/authenticate-bc-request.js";
import { BcError, withCorrelationId } from "./bc-error.js";
import { jsonResponse, rawResponse, type BcResponse } from "./bc-response.js";

/** BC's error body (§8): `{"error":{"code","message"}}`, message ending in `  CorrelationId:  <guid>.` */
export function errorResponse(error: unknown, correlationId: string): BcResponse {
  if (error instanceof XmlUnauthorizedError) {
    const xml = `<?xml version="1.0" encoding="utf-8"?><error xmlns="http://docs.oasis-open.org/odata/ns/metadata"><code>${error.code}</code><message>${error.message}</message></error>`;
    return rawResponse(error.status, "application/xml", xml, { ...error.headers });
  }
  const e = error instanceof BcError ? error : new BcError(500, "Internal_ServerError", `An unexpected error occurred: ${error instanceof Error ? error.message : String(error)}`);
  return jsonResponse(e.status, { error: { code: e.code, message: withCorrelationId(e.message, correlationId) } }, { ...e.headers, "content-type": "application/json; charset=utf-8" });
}
