// The same advice as @bcts/auth's explainBusinessCentralAuthFailure (bc-api-facts §1.4–1.6), written
// here because @bcts/odata must not import @bcts/auth at runtime. Keep the two in step.

const NOT_REGISTERED =
  "Business Central rejected the app's credentials although Entra ID issued a token: register the client id on BC's \"Microsoft Entra Applications\" page (State = Enabled, permission sets such as D365 AUTOMATION, then Grant Consent); on-premises, add https://api.businesscentral.dynamics.com to ValidAudiences.";
const FORBIDDEN =
  "Business Central authenticated the caller but refused the operation: give the app (or user) permission sets that cover this data on BC's \"Microsoft Entra Applications\" page / user card, and check the licence for delegated users.";
const TOKEN_REJECTED =
  "Business Central did not accept the access token: request it for https://api.businesscentral.dynamics.com/.default (not Graph or api.financials.dynamics.com), and check the app is registered on BC's \"Microsoft Entra Applications\" page with API.ReadWrite.All consented.";

/**
 * The remedy carried by an `ODataError` for a 401/403 from Business Central; "" for other statuses.
 *
 * @example
 * authRemedy(401, "Authentication_InvalidCredentials") // "Business Central rejected the app's credentials … Microsoft Entra Applications …"
 */
export function authRemedy(status: number, code: string): string {
  if (status !== 401 && status !== 403) return "";
  if (code === "Authentication_InvalidCredentials") return NOT_REGISTERED;
  if (status === 403 || code.startsWith("Authorization_")) return FORBIDDEN;
  return TOKEN_REJECTED;
}
