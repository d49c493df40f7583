// The limiter contract lives in @bcts/odata (packages/odata/src/limits/request-limiter.ts); @bcts/redis
// implements it and re-exports it, so `import { … } from "@bcts/redis"` is enough for a worker.
export {
  BUSINESS_CENTRAL_ONLINE_LIMITS,
  identityKey,
  LimiterWaitTimeoutError,
  type IdentityLimits,
  type LimiterAcquireOptions,
  type LimiterLease,
  type LimiterPause,
  type LimiterSnapshot,
  type RequestLimiter,
} from "@bcts/odata";
