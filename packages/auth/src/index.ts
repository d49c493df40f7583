export type { AccessToken, GetTokenOptions, TokenProvider } from "./token-provider.js";
export { ClientSecretProvider, type ClientSecretProviderOptions } from "./client-secret-provider.js";
export { ClientCertificateProvider, type ClientCertificateProviderOptions } from "./client-certificate-provider.js";
export { ClientAssertionProvider, type ClientAssertionProviderOptions, type ClientAssertionContext } from "./client-assertion-provider.js";
export { ManagedIdentityProvider, type ManagedIdentityProviderOptions } from "./managed-identity-provider.js";
export type { ManagedIdentitySelector } from "./msal/managed-identity-client.js";
export { StaticTokenProvider, type StaticTokenProviderOptions } from "./static-token-provider.js";
export { AuthorizationCodeProvider, type AuthorizationCodeProviderOptions, type AuthorizationUrl } from "./delegated/authorization-code-provider.js";
export { DeviceCodeProvider, type DeviceCodeProviderOptions } from "./delegated/device-code-provider.js";
export type { DelegatedUserOptions } from "./delegated/delegated-user-provider.js";
export { MemoryPendingSignInStore, type PendingSignIn, type PendingSignInStore } from "./delegated/pending-sign-in-store.js";
export { FileTokenCachePersistence, MemoryTokenCachePersistence, type TokenCachePersistence } from "./delegated/token-cache-persistence.js";
export type { DeviceCodePrompt, SignedInAccount } from "./msal/user-flow-client.js";
export { TenantProviderPool, type TenantProviderPoolOptions } from "./tenant-provider-pool.js";
export { createTokenProviderFromEnvironment, ENVIRONMENT_VARIABLES, type EnvironmentProviderOptions } from "./environment-provider.js";
export type { EntraProviderOptions } from "./provider-options.js";
export { sharedTokenCacheKey, type SharedTokenCache, type SharedTokenEntry, type SharedTokenLock } from "./shared-token-cache.js";
export type { RefreshPolicy } from "./refresh-policy.js";
export type { AuthLogger, TokenEvent, TokenRequestReason } from "./auth-logger.js";
export {
  AuthenticationError,
  AuthenticationConfigurationError,
  TransientAuthenticationError,
  InteractionRequiredError,
  type AuthenticationErrorDetails,
} from "./errors/authentication-error.js";
export { AADSTS_REMEDIES } from "./errors/remedies.js";
export { explainBusinessCentralAuthFailure, type BusinessCentralAuthFailureExplanation } from "./errors/explain-business-central-auth-failure.js";
export { BUSINESS_CENTRAL_DEFAULT_SCOPE, BUSINESS_CENTRAL_RESOURCE, DEFAULT_AUTHORITY_HOST } from "./authority.js";
