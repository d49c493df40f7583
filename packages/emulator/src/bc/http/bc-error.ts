/**
 * An error BC would answer with `{"error":{"code","message"}}` (fact sheet §8).
 * The message is stored without the `  CorrelationId:  <guid>.` suffix; the server appends it per request.
 */
export class BcError extends Error {
  override readonly name = "BcError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** `The server has rejected the client credentials.  CorrelationId:  <guid>.` — double spaces and trailing period (§1.4). */
export function withCorrelationId(message: string, correlationId: string): string {
  const base = message.endsWith(".") ? message.slice(0, -1) : message;
  return `${base}.  CorrelationId:  ${correlationId}.`;
}

export const bcErrors = {
  invalidToken: () =>
    new BcError(400, "BadRequest_InvalidToken", "Could not validate the client concurrency token required by the service. Please provide a valid token in the client request."),
  entityChanged: () => new BcError(409, "Request_EntityChanged", "Another user has already changed the record."),
  methodNotAllowed: (method: string, setName: string) =>
    new BcError(405, "BadRequest_MethodNotAllowed", `'${method}' requests for '${setName}' of EdmType 'Entity' are not allowed within Microsoft Dynamics 365 Business Central OData web services.`),
  resourceNotFound: (segment: string) => new BcError(404, "BadRequest_ResourceNotFound", `Resource not found for the segment '${segment}'.`),
  noSuchProperty: (property: string, type: string) =>
    new BcError(400, "BadRequest_NotFound", `Could not find a property named '${property}' on type '${type}'.`),
  querySyntax: (detail: string) => new BcError(400, "BadRequest", `Bad Request - Error in query syntax. ${detail}`),
} as const;
