/** A Business Central 401/403 translated for a human. */
export interface BusinessCentralAuthFailureExplanation {
  /** BC's error code when it sent one (e.g. "Authentication_InvalidCredentials"), else "Unauthorized"/"Forbidden". */
  readonly code: string;
  readonly message: string;
  readonly remedy: string;
}

/**
 * Explains a 401/403 from Business Central (bc-api-facts §1.4–1.6). Returns undefined for other statuses.
 * `body` is the response text or its parsed JSON; BC sometimes answers in OData XML.
 *
 * @example
 * const why = explainBusinessCentralAuthFailure(401, await res.text());
 * // { code: "Authentication_InvalidCredentials", message: "Business Central rejected the app's credentials …", remedy: "Register the client id on BC's \"Microsoft Entra Applications\" page …" }
 */
export function explainBusinessCentralAuthFailure(status: number, body: unknown): BusinessCentralAuthFailureExplanation | undefined {
  if (status !== 401 && status !== 403) return undefined;
  const { code, text } = readError(body);
  if (code === "Authentication_InvalidCredentials") {
    return {
      code,
      message: "Business Central rejected the app's credentials although Entra ID issued a token: the app is not registered or not enabled in this environment.",
      remedy: "Register the client id on BC's \"Microsoft Entra Applications\" page (State = Enabled, permission sets such as D365 AUTOMATION, then Grant Consent); on-premises, add https://api.businesscentral.dynamics.com to ValidAudiences.",
    };
  }
  if (status === 403 || (code ?? "").startsWith("Authorization_")) {
    return {
      code: code ?? "Forbidden",
      message: `Business Central authenticated the caller but refused the operation${text ? `: ${text}` : "."}`,
      remedy: "Give the app (or user) permission sets that cover this data on BC's \"Microsoft Entra Applications\" / user card, and check the licence for delegated users.",
    };
  }
  if (/credentials provided are incorrect/i.test(text ?? "") || code === "Unauthorized") {
    return {
      code: code ?? "Unauthorized",
      message: "Business Central did not accept the access token: it is expired or issued for another resource.",
      remedy: "Request the token for https://api.businesscentral.dynamics.com/.default (not Graph or the old api.financials.dynamics.com) and let the provider refresh it (getToken({ forceRefresh: true }) once).",
    };
  }
  return {
    code: code ?? "Unauthorized",
    message: `Business Central answered ${status}${text ? `: ${text}` : " without a reason"}.`,
    remedy: "Send a bearer token from a TokenProvider; check that the app is registered on BC's \"Microsoft Entra Applications\" page and has API.ReadWrite.All with admin consent.",
  };
}

function readError(body: unknown): { code: string | undefined; text: string | undefined } {
  let value = body;
  if (typeof body === "string") {
    const xml = /<code>([^<]*)<\/code>\s*<message>([^<]*)<\/message>/.exec(body);
    if (xml) return { code: xml[1], text: xml[2] };
    try {
      value = JSON.parse(body);
    } catch {
      return { code: undefined, text: body.trim() || undefined };
    }
  }
  const error = (value as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return {
    code: typeof error?.code === "string" ? error.code : undefined,
    text: typeof error?.message === "string" ? error.message : undefined,
  };
}
