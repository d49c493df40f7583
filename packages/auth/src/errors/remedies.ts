/**
 * One sentence per AADSTS code telling the user what to change. The key is the number Entra ID puts
 * after "AADSTS" (bc-api-facts §1.3).
 */
export const AADSTS_REMEDIES: Readonly<Record<number, string>> = {
  7000215: "the client secret is wrong — use the secret's Value, not its Secret ID (Entra admin center → App registrations → Certificates & secrets).",
  7000222: "the client secret has expired — create a new secret for the app registration and configure its Value.",
  700016: "the application (client id) was not found in this tenant — check the tenant id and client id; a multitenant app needs admin consent in this tenant first.",
  90002: "the tenant was not found — use the Directory (tenant) ID GUID or a verified domain such as contoso.onmicrosoft.com.",
  700027: "the client assertion failed signature validation — upload this certificate to the app registration (Certificates & secrets) and pair it with its own private key.",
  700024: "the client assertion is outside its validity period — check the machine clock, or refresh the federated token (it has expired).",
  700021: "the client assertion's iss/sub do not match the client id — sign assertions for this app's client id.",
  70021: "no federated credential of the app matches the assertion — check issuer, subject and audience (api://AzureADTokenExchange) of the federated credential.",
  7000218: "no client credential was sent — configure a client secret, a certificate or a client assertion.",
  7000112: "the application is disabled in this tenant — enable the enterprise application (service principal) again.",
  65001: "consent is missing — an administrator must grant consent for the app's Business Central permissions (Entra admin center → API permissions → Grant admin consent).",
  90094: "admin consent is required — ask a tenant administrator to grant consent for the app.",
  650056: "the app registration is misconfigured or lacks consent — add the Dynamics 365 Business Central permissions and grant admin consent.",
  500011: "Business Central is not available in this tenant — check the tenant id (Business Central must be provisioned there); for on-premises, set `resource` to the BC server's App ID URI.",
  1002012: "the scope must be exactly https://api.businesscentral.dynamics.com/.default for app-only tokens.",
  70011: "the scope is invalid — use https://api.businesscentral.dynamics.com/.default (or the on-premises App ID URI + /.default).",
  700022: "the scopes name more than one resource — request Business Central scopes only.",
  700023: "the scope names no resource — use https://api.businesscentral.dynamics.com/.default.",
  9001023: "client credentials need a tenant-specific authority — use the tenant id instead of common/organizations/consumers.",
  90124: "use a tenant-specific authority — not common or consumers.",
  53003: "Conditional Access blocked the sign-in — ask the tenant administrator to allow this app or location.",
  50126: "the user name or password is wrong.",
  50011: "the redirect URI is not registered — add it to the app registration (Authentication → Web → Redirect URIs), matching exactly.",
  70008: "the authorization code or refresh token expired or was already used — sign in again.",
  501481: "the PKCE code verifier does not match — use the verifier created together with the authorization URL.",
  50076: "multi-factor authentication is required — sign in interactively again.",
  50079: "multi-factor authentication enrolment is required — sign in interactively again.",
  700082: "the refresh token expired due to inactivity — sign in again.",
  50173: "the refresh token was revoked (password change or sign-out everywhere) — sign in again.",
  70000: "the user declined the sign-in — ask them to approve it.",
  70019: "the device code expired — start the device-code sign-in again.",
};

export function remedyFor(aadsts: number | undefined): string | undefined {
  return aadsts === undefined ? undefined : AADSTS_REMEDIES[aadsts];
}
