export { RedisRequestLimiter, type RedisRequestLimiterOptions } from "./redis-request-limiter.js";
export { createRedisConnection } from "./create-redis-connection.js";
export { RedisUnavailableError } from "./redis-unavailable-error.js";
export { identityKeys, tokenKeys, type IdentityKeys } from "./identity-keys.js";
export { RedisTokenCache, type RedisTokenCacheOptions } from "./redis-token-cache.js";
export { BUSINESS_CENTRAL_ONLINE_LIMITS, identityKey, LimiterWaitTimeoutError, type IdentityLimits, type LimiterAcquireOptions, type LimiterLease, type LimiterPause, type LimiterSnapshot, type RequestLimiter } from "./limiter-contract.js";
