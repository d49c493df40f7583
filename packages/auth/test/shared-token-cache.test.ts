import { describe, expect, it } from "vitest";
import { sharedTokenCacheKey, type SharedTokenCache, type SharedTokenEntry } from "../src/index.js";
import { sharedTokenFetcher } from "../src/shared-token-cache.js";
import { resolveRefreshPolicy } from "../src/refresh-policy.js";
import type { AccessToken } from "../src/token-provider.js";

/** An in-memory SharedTokenCache standing in for several processes' common store. */
function memoryCache(): SharedTokenCache & { entries: Map<string, SharedTokenEntry>; locks: Set<string> } {
  const entries = new Map<string, SharedTokenEntry>();
  const locks = new Set<string>();
  return {
    entries,
    locks,
    get: async (key) => entries.get(key),
    set: async (key, entry) => void entries.set(key, entry),
    lock: async (key) => {
      if (locks.has(key)) return undefined;
      locks.add(key);
      return { release: async () => void locks.delete(key) };
    },
  };
}

const policy = resolveRefreshPolicy({ minForceRefreshIntervalInMs: 5_000 });

describe("sharedTokenFetcher", () => {
  it("lets one of many concurrent processes fetch; the others take its token from the shared cache", async () => {
    const cache = memoryCache();
    let fetches = 0;
    const fetch = async (): Promise<AccessToken> => {
      fetches++;
      await new Promise((r) => setTimeout(r, 30));
      return { token: `t${fetches}`, tokenType: "Bearer", expiresOnTimestamp: Date.now() + 3_600_000 };
    };
    const processes = Array.from({ length: 6 }, () => sharedTokenFetcher(cache, "k", fetch, { clock: Date.now, policy, pollInMs: 5 }));
    const tokens = await Promise.all(processes.map((f) => f("initial")));
    expect(fetches).toBe(1);
    expect(new Set(tokens.map((t) => t.token))).toEqual(new Set(["t1"]));
    expect(cache.locks.size).toBe(0);
  });

  it("does not reuse a shared token past its refresh time, nor an old one for a forced refresh", async () => {
    const cache = memoryCache();
    const now = 10_000_000;
    let fetches = 0;
    const fetch = async (): Promise<AccessToken> => ({ token: `t${++fetches}`, tokenType: "Bearer", expiresOnTimestamp: now + 3_600_000 });
    const f = sharedTokenFetcher(cache, "k", fetch, { clock: () => now, policy });
    // acquired 55 minutes ago: inside the refresh window (10 minutes before expiry)
    cache.entries.set("k", { token: { token: "old", tokenType: "Bearer", expiresOnTimestamp: now + 5 * 60_000 }, acquiredAt: now - 55 * 60_000 });
    expect((await f("proactive")).token).toBe("t1");
    // a fresh entry serves "expired"/"initial", but a forced refresh wants a token newer than the 401 it answers
    cache.entries.set("k", { token: { token: "minute-old", tokenType: "Bearer", expiresOnTimestamp: now + 3_540_000 }, acquiredAt: now - 60_000 });
    expect((await f("initial")).token).toBe("minute-old");
    expect((await f("forced")).token).toBe("t2");
    // … while one another process fetched a moment ago is taken
    cache.entries.set("k", { token: { token: "just-now", tokenType: "Bearer", expiresOnTimestamp: now + 3_600_000 }, acquiredAt: now - 1_000 });
    expect((await f("forced")).token).toBe("just-now");
  });

  it("fetches itself when the lock holder takes longer than maxWaitInMs", async () => {
    const cache = memoryCache();
    cache.locks.add("k"); // a holder that never finishes
    const f = sharedTokenFetcher(cache, "k", async () => ({ token: "own", tokenType: "Bearer", expiresOnTimestamp: Date.now() + 3_600_000 }), { clock: Date.now, policy, maxWaitInMs: 50, pollInMs: 5 });
    expect((await f("initial")).token).toBe("own");
    expect(cache.entries.get("k")?.token.token).toBe("own");
  });

  it("reports a failing shared cache as a retryable error naming the cache, not the token", async () => {
    const broken: SharedTokenCache = { get: async () => Promise.reject(new Error("connect ECONNREFUSED")), set: async () => undefined, lock: async () => undefined };
    const f = sharedTokenFetcher(broken, "k", async () => ({ token: "never", tokenType: "Bearer", expiresOnTimestamp: Date.now() + 3_600_000 }), { clock: Date.now, policy });
    await expect(f("initial")).rejects.toMatchObject({ name: "TransientAuthenticationError", code: "shared_cache_unavailable", retryable: true, message: expect.stringContaining("ECONNREFUSED") });
  });

  it("keys by authority (host and tenant), client id and scopes, case-insensitively", () => {
    const a = sharedTokenCacheKey("https://login.microsoftonline.com/Contoso.onmicrosoft.com/", "0B9C", ["https://api.businesscentral.dynamics.com/.default"]);
    expect(a).toBe("https://login.microsoftonline.com/contoso.onmicrosoft.com|0b9c|https://api.businesscentral.dynamics.com/.default");
    expect(sharedTokenCacheKey("https://login.microsoftonline.com/fabrikam.onmicrosoft.com", "0b9c", ["https://api.businesscentral.dynamics.com/.default"])).not.toBe(a);
  });
});
