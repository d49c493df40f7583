export type { AccessToken, GetTokenOptions, TokenProvider } from "./token-provider.js";
