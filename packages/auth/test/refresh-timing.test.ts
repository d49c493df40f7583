import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ClientSecretProvider, TransientAuthenticationError, type TokenEvent } from "../src/index.js";
import { FAKE_ENTRA_DEMO, fakeAuthority, startFakeEntra, tokenPosts, type FakeEntra } from "./fake-entra-fixture.js";

const MIN = 60_000;
let now = Date.parse("2026-11-22T08:00:00Z");
const clock = () => now;
let entra: FakeEntra;
beforeAll(async () => {
  entra = await startFakeEntra({ clock });
});
afterAll(() => entra.close());
beforeEach(() => {
  entra.setBehavior(undefined);
  entra.tokenLifetimeInSeconds = 3600;
});

function provider(events: TokenEvent[] = [], o: Partial<ConstructorParameters<typeof ClientSecretProvider>[0]> = {}) {
  const p = new ClientSecretProvider({ ...fakeAuthority(entra), clientSecret: FAKE_ENTRA_DEMO.clientSecret, clock, onTokenEvent: (e) => events.push(e), ...o });
  entra.clearRequests();
  return p;
}
const settle = () => new Promise((r) => setTimeout(r, 50));
const waitFor = async (cond: () => boolean) => {
  for (let i = 0; i < 100 && !cond(); i++) await settle();
};

describe("proactive refresh with an injected clock", () => {
  it("1 h token: cached until 10 min before expiry, then served at once while ONE background refresh runs", async () => {
    const events: TokenEvent[] = [];
    const p = provider(events);
    const first = await p.getToken();
    expect(first.refreshAfterTimestamp).toBe(first.expiresOnTimestamp - 10 * MIN);
    now += 49 * MIN;
    expect((await p.getToken()).token).toBe(first.token);
    expect(tokenPosts(entra)).toBe(1);

    now += 2 * MIN; // 9 min before expiry: refresh window
    entra.setBehavior((r) => (r.endpoint === "token" ? { delayInMs: 200 } : undefined));
    const during = await Promise.all(Array.from({ length: 100 }, () => p.getToken()));
    // All 100 resolved before the refresh could finish: it needs network I/O, they needed only microtasks.
    expect(events).toHaveLength(1);
    expect(new Set(during.map((t) => t.token))).toEqual(new Set([first.token]));
    await waitFor(() => events.length === 2);
    expect(tokenPosts(entra)).toBe(2);
    const after = await p.getToken();
    expect(after.token).not.toBe(first.token);
    expect(events.map((e) => [e.type, e.reason])).toEqual([["token-acquired", "initial"], ["token-refreshed", "proactive"]]);
    expect(JSON.stringify(events)).not.toContain(first.token);
  });

  it("background refresh failures keep serving the valid token, back off, and surface only near expiry", async () => {
    const events: TokenEvent[] = [];
    const p = provider(events, { refreshPolicy: { initialBackoffInMs: 30_000, maxBackoffInMs: 30_000 } });
    const first = await p.getToken();
    entra.setBehavior((r) => (r.endpoint === "token" ? { status: 500, json: { error: "server_error", error_codes: [50000] } } : undefined));
    now += 51 * MIN;
    expect((await p.getToken()).token).toBe(first.token);
    await waitFor(() => events.length === 2);
    expect(events[1]).toMatchObject({ type: "token-failed", reason: "proactive", background: true });
    const postsAfterFailure = tokenPosts(entra);
    now += 10_000; // inside the ±20 % backoff of 30 s: no new attempt
    expect((await p.getToken()).token).toBe(first.token);
    await settle();
    expect(tokenPosts(entra)).toBe(postsAfterFailure);
    now += 30_000; // backoff over: one more background attempt
    expect((await p.getToken()).token).toBe(first.token);
    await waitFor(() => events.length === 3);
    expect(tokenPosts(entra)).toBeGreaterThan(postsAfterFailure);

    now = first.expiresOnTimestamp - 30_000; // inside the last minute: callers wait and see the failure
    await expect(p.getToken()).rejects.toBeInstanceOf(TransientAuthenticationError);
    entra.setBehavior(undefined);
    const recovered = await p.getToken();
    expect(recovered.token).not.toBe(first.token);
  });

  it("2 min token: refresh after half the lifetime, block only in the last quarter", async () => {
    entra.tokenLifetimeInSeconds = 120;
    const p = provider();
    const first = await p.getToken();
    // MSAL rounds its timestamps to whole seconds, so the lifetime is 119.5–120.5 s.
    expect(first.expiresOnTimestamp - first.refreshAfterTimestamp!).toBeGreaterThan(59_000);
    expect(first.expiresOnTimestamp - first.refreshAfterTimestamp!).toBeLessThan(61_000);
    now += 58_000;
    await p.getToken();
    expect(tokenPosts(entra)).toBe(1); // MSAL alone would fetch on every call (120 s < its 300 s offset)
    now += 3_000;
    expect((await p.getToken()).token).toBe(first.token);
    await waitFor(() => tokenPosts(entra) === 2);
    expect(tokenPosts(entra)).toBe(2);
  });

  // Changed with issue 13: the first forced refresh happens even for a young token (BC's 401 must get
  // its one refresh); only a token that itself came from a forced refresh is reused while under 5 s old.
  it("forceRefresh fetches a new token (after BC answered 401) even for a young token, once; joins an in-flight one", async () => {
    const p = provider();
    const first = await p.getToken();
    const refreshed = await p.getToken({ forceRefresh: true });
    expect(refreshed.token).not.toBe(first.token);
    expect((await p.getToken({ forceRefresh: true })).token).toBe(refreshed.token); // a second 401 within 5 s: no new sign-in
    expect(tokenPosts(entra)).toBe(2);
    now += 6_000;
    const forced = await Promise.all([p.getToken({ forceRefresh: true }), p.getToken({ forceRefresh: true }), p.getToken()]);
    expect(forced[0].token).not.toBe(refreshed.token);
    expect(forced[1].token).toBe(forced[0].token); // the second forced call joined the first
    expect(forced[2].token).toBe(refreshed.token); // a plain caller is not held up by a forced refresh
    expect(tokenPosts(entra)).toBe(3);
  });

  it("abortSignal releases one caller; the shared request still completes for the others", async () => {
    entra.setBehavior((r) => (r.endpoint === "token" ? { delayInMs: 150 } : undefined));
    const p = provider();
    const controller = new AbortController();
    const aborted = p.getToken({ abortSignal: controller.signal });
    const other = p.getToken();
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: "AbortError" });
    expect(entra.validateAccessToken((await other).token).ok).toBe(true);
    expect(tokenPosts(entra)).toBe(1);
  });
});
