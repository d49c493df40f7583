// A worker that takes `count` leases, says "held" on stdout and then waits forever — the test
// kills it with SIGKILL, so it never releases and never renews again.
import { createRedisConnection, RedisRequestLimiter } from "../../src/index.js";

const [url, identity, count, leaseTtl] = process.argv.slice(2);
const redis = createRedisConnection(url!);
const limiter = new RedisRequestLimiter({ redis, limits: { maxConcurrency: 5, maxRequestsPerWindow: 1000, windowInMs: 3000 }, leaseTtlInMs: Number(leaseTtl) });
for (let i = 0; i < Number(count); i++) await limiter.acquire(identity!, { deadline: Date.now() + 5_000 });
process.stdout.write("held\n");
setInterval(() => undefined, 60_000);
