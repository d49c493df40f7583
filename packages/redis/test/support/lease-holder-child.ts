// A worker that takes `count` leases (or, with mode "wait", starts `count` acquires that have to
// queue), says "held" (or "waiting") on stdout and then waits forever — the test kills it with
// SIGKILL, so it never releases, never renews and never beats again.
import { createRedisConnection, RedisRequestLimiter } from "../../src/index.js";

const [url, identity, count, leaseTtl, mode] = process.argv.slice(2);
const redis = createRedisConnection(url!);
const limiter = new RedisRequestLimiter({ redis, limits: { maxConcurrency: 5, maxRequestsPerWindow: 1000, windowInMs: 3000 }, leaseTtlInMs: Number(leaseTtl) });
if (mode === "wait") {
  for (let i = 0; i < Number(count); i++) void limiter.acquire(identity!, { deadline: Date.now() + 60_000 }).catch(() => undefined);
  process.stdout.write("waiting\n");
} else {
  for (let i = 0; i < Number(count); i++) await limiter.acquire(identity!, { deadline: Date.now() + 5_000 });
  process.stdout.write("held\n");
}
setInterval(() => undefined, 60_000);
