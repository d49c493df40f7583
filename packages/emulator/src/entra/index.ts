export { startFakeEntra, type FakeEntra, type FakeEntraOptions } from "./fake-entra.js";
export type { FakeEntraBehavior, FakeEntraBehaviorHook, FakeEntraRequestContext, FakeEntraRequestLogEntry } from "./fault-behavior.js";
export type { AccessTokenClaims, AccessTokenValidation } from "./token-issuer.js";
export { servicePrincipalId } from "./token-issuer.js";
export {
  BUSINESS_CENTRAL_RESOURCE,
  DEFAULT_APP_ROLES,
  DEFAULT_DELEGATED_SCOPES,
  FAKE_ENTRA_DEMO,
  type AppInput,
  type FederatedCredentialInput,
  type RegisteredApp,
  type RegisteredTenant,
  type RegisteredUser,
  type SecretInput,
  type TenantInput,
  type UserInput,
} from "./registrations.js";
export { defaultTls, testClientCredentialFiles, type FakeEntraTls } from "./tls-fixtures.js";
export { EntraErrors, entraErrorBody, type EntraErrorSpec } from "./entra-error.js";
export type { FakeManagedIdentityEndpoints, FakeManagedIdentityOptions } from "./managed-identity-listener.js";
export type { ManagedIdentityInput, ManagedIdentityStyle } from "./managed-identity-endpoint.js";
