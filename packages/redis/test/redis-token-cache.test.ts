import { ClientSecretProvider, sharedTokenCacheKey, type AccessToken } from "@bcts/auth";
import { startEmulator, type Emulator } from "@bcts/emulator";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createRedisConnection, RedisTokenCache, RedisUnavailableError, tokenKeys, type RedisTokenCacheOptions } from "../src/index.js";
import { startRedisServer, type RedisServerProcess } from "./support/redis-server-process.js";

let server: RedisServerProcess;
let admin: Redis; // the test's own connection, with ioredis' offline queue
let emu: Emulator;
const connections: Redis[] = [];
const KEY = Buffer.alloc(32, 7).toString("base64");

const tokenPosts = () => emu.entra.requests.filter((r) => r.method === "POST" && r.path.endsWith("/oauth2/v2.0/token")).length;

/** One "worker process": its own Redis connection, its own provider (own in-memory cache and MSAL app). */
function workerProvider(cache: Partial<RedisTokenCacheOptions> = {}, prefix = "bcts:"): ClientSecretProvider {
  const redis = createRedisConnection(server.url);
  connections.push(redis);
  return new ClientSecretProvider({
    tenantId: emu.tenantId, clientId: emu.clientId, clientSecret: emu.clientSecret, authorityHost: emu.authorityHost, ca: emu.caPem,
    sharedCache: new RedisTokenCache({ redis, keyPrefix: prefix, ...cache }),
  });
}

let prefixCounter = 0;
let prefix = "";

beforeAll(async () => {
  [server, emu] = await Promise.all([startRedisServer(), startEmulator()]);
  admin = new Redis(server.url);
  admin.on("error", () => undefined); // the last test stops the server on purpose
});
beforeEach(() => {
  prefix = `t${++prefixCounter}:`; // a fresh namespace per test: no token from an earlier test
  emu.entra.tokenLifetimeInSeconds = 3599;
});
afterEach(() => {
  for (const c of connections.splice(0)) c.disconnect();
});
afterAll(async () => {
  admin.disconnect();
  await Promise.all([server.stop(), emu.close()]);
});

describe("RedisTokenCache behind @bcts/auth's sharedCache", () => {
  it("gives 8 cold workers one token from one token request", async () => {
    const before = tokenPosts();
    const workers = Array.from({ length: 8 }, () => workerProvider({}, prefix));
    const tokens = await Promise.all(workers.flatMap((w) => [w.getToken(), w.getToken()]));
    expect(tokenPosts() - before).toBe(1);
    expect(new Set(tokens.map((t: AccessToken) => t.token)).size).toBe(1);
  });

  it("refreshes once for all workers when the token reaches its refresh time", async () => {
    emu.entra.tokenLifetimeInSeconds = 4; // refresh after 2 s (half the lifetime), block in the last second
    const [a, b, c] = [workerProvider({}, prefix), workerProvider({}, prefix), workerProvider({}, prefix)];
    const first = await a.getToken();
    await Promise.all([b.getToken(), c.getToken()]);
    const before = tokenPosts();
    await new Promise((r) => setTimeout(r, 2_300));
    // in the refresh window every provider starts one background refresh; the shared lock lets one through
    await Promise.all([a.getToken(), b.getToken(), c.getToken()]);
    let next: AccessToken | undefined;
    for (let i = 0; i < 40 && (next === undefined || next.token === first.token); i++) {
      await new Promise((r) => setTimeout(r, 50));
      next = await c.getToken();
    }
    expect(next!.token).not.toBe(first.token);
    expect(tokenPosts() - before).toBe(1);
  });

  it("stores the entry encrypted when given a key, bound to its Redis key", async () => {
    const w = workerProvider({ encryptionKey: KEY }, prefix);
    const { token } = await w.getToken();
    const redis = admin;
    const cacheKey = sharedTokenCacheKey(w.authority, w.clientId, w.scopes);
    const stored = await redis.get(tokenKeys(prefix, cacheKey).entry);
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain(token.slice(0, 40));
    // an entry moved under another identity's key does not decrypt: that worker fetches its own
    const elsewhere = new RedisTokenCache({ redis, keyPrefix: prefix, encryptionKey: KEY });
    await redis.set(tokenKeys(prefix, "other|identity").entry, stored!);
    expect(await elsewhere.get("other|identity")).toBeUndefined();
    // a worker with another key (rotation) treats the entry as missing rather than failing
    const rotated = new RedisTokenCache({ redis, keyPrefix: prefix, encryptionKey: Buffer.alloc(32, 9) });
    expect(await rotated.get(cacheKey)).toBeUndefined();
    expect(await new RedisTokenCache({ redis, keyPrefix: prefix, encryptionKey: KEY }).get(cacheKey)).toMatchObject({ token: { token } });
    expect(() => new RedisTokenCache({ redis, encryptionKey: "c2hvcnQ=" })).toThrow(/32 bytes/);
  });

  it("takes over when the refresh lock's holder died: the lock expires", async () => {
    const w = workerProvider({}, prefix);
    const redis = admin;
    const cacheKey = sharedTokenCacheKey(w.authority, w.clientId, w.scopes);
    await redis.set(tokenKeys(prefix, cacheKey).lock, "a-dead-worker", "PX", 400);
    const before = tokenPosts();
    await w.getToken();
    expect(tokenPosts() - before).toBe(1);
    expect(await redis.get(tokenKeys(prefix, cacheKey).lock)).toBeNull(); // released by its new owner
  });

  it("fails closed while Redis is down, or fetches directly when onUnavailable is 'fetch'", async () => {
    const strict = workerProvider({ unavailableGraceInMs: 200 }, prefix);
    const warnings: string[] = [];
    const lenient = workerProvider({ unavailableGraceInMs: 200, onUnavailable: "fetch", onWarning: (m) => warnings.push(m) }, prefix);
    await server.stop();
    try {
      const error = await strict.getToken().catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "TransientAuthenticationError", code: "shared_cache_unavailable", retryable: true });
      expect((error as Error).cause).toBeInstanceOf(RedisUnavailableError);
      expect(JSON.stringify(error)).not.toContain(emu.clientSecret);
      const { token } = await lenient.getToken();
      expect(token.length).toBeGreaterThan(0);
      expect(warnings).toHaveLength(1);
    } finally {
      await server.start();
    }
  });
});
