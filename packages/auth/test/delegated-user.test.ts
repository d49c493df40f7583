import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AuthenticationConfigurationError, AuthorizationCodeProvider, MemoryPendingSignInStore, DeviceCodeProvider, FileTokenCachePersistence, InteractionRequiredError, type DeviceCodePrompt, type TokenEvent } from "../src/index.js";
import { FAKE_ENTRA_DEMO, fakeAuthority, leakedIn, startFakeEntra, tokenPosts, type FakeEntra } from "./fake-entra-fixture.js";

const PUBLIC_APP = "6c1f6d0e-5b2a-4f7e-9a1d-3c4b5a6d7e8f";
const UNCONSENTED_APP = "7d2e7f1a-6c3b-4a8f-8b2e-4d5c6b7e8f90";
const CALLBACK = FAKE_ENTRA_DEMO.redirectUri;
const B = { username: "bookkeeper@cronus-demo.onmicrosoft.com", password: "b-password" };
let now = Date.parse("2026-11-22T09:00:00Z");
const clock = () => now;
let entra: FakeEntra;

beforeAll(async () => {
  entra = await startFakeEntra({ clock });
  const tenant = entra.findTenant(FAKE_ENTRA_DEMO.tenantId)!;
  tenant.users.push({ username: B.username, password: B.password, displayName: "Book Keeper", objectId: "00000000-0000-4000-8000-0000000000b0" });
  entra.addApp(FAKE_ENTRA_DEMO.tenantId, { clientId: PUBLIC_APP, publicClient: true, redirectUris: [CALLBACK] });
  entra.addApp(FAKE_ENTRA_DEMO.tenantId, { clientId: UNCONSENTED_APP, secrets: [{ value: "unconsented-secret" }], redirectUris: [CALLBACK], consented: false });
});
afterAll(() => entra.close());
beforeEach(() => entra.clearRequests());

const webApp = (o: Partial<ConstructorParameters<typeof AuthorizationCodeProvider>[0]> = {}) =>
  new AuthorizationCodeProvider({ ...fakeAuthority(entra), clientSecret: FAKE_ENTRA_DEMO.clientSecret, redirectUri: CALLBACK, clock, ...o });

describe("AuthorizationCodeProvider: user impersonation for web apps (seed 004, bc-api-facts §1.7)", () => {
  it("authorization URL with PKCE → sign-in → code redeemed → delegated BC token; renewed silently with the refresh token", async () => {
    const events: TokenEvent[] = [];
    const user = webApp({ onTokenEvent: (e) => events.push(e) });
    const { url, state } = await user.createAuthorizationUrl();
    const u = new URL(url);
    expect(u.origin + u.pathname).toBe(`${entra.origin}/${FAKE_ENTRA_DEMO.tenantId}/oauth2/v2.0/authorize`);
    expect(u.searchParams.get("code_challenge_method")).toBe("S256");
    expect(u.searchParams.get("state")).toBe(state);
    expect(u.searchParams.get("scope")).toContain("https://api.businesscentral.dynamics.com/.default");

    const redirect = await entra.signIn(url, { username: FAKE_ENTRA_DEMO.username, password: FAKE_ENTRA_DEMO.password });
    const account = await user.completeSignIn(redirect.toString());
    expect(account.username).toBe(FAKE_ENTRA_DEMO.username);

    const first = await user.getToken();
    const v = entra.validateAccessToken(first.token);
    expect(v.ok && v.claims).toMatchObject({ idtyp: "user", upn: FAKE_ENTRA_DEMO.username, scp: "user_impersonation Financials.ReadWrite.All" });
    expect(tokenPosts(entra)).toBe(1); // the code redemption; getToken used the cached token

    now += 55 * 60_000; // refresh window: served at once, renewed in the background with the refresh token
    expect((await user.getToken()).token).toBe(first.token);
    for (let i = 0; i < 100 && !events.some((e) => e.type === "token-refreshed"); i++) await new Promise((r) => setTimeout(r, 50));
    expect(entra.requests.filter((r) => r.endpoint === "token").map((r) => r.grantType)).toEqual(["authorization_code", "refresh_token"]);
    expect((await user.getToken()).token).not.toBe(first.token);
  });

  it("the URL can be handed to another person: the token acts as whoever signed in", async () => {
    const admin = webApp();
    const { url } = await admin.createAuthorizationUrl();
    const redirect = await entra.signIn(url, B); // person B, on their own machine
    expect((await admin.completeSignIn(redirect)).username).toBe(B.username);
    const v = entra.validateAccessToken((await admin.getToken()).token);
    expect(v.ok && v.claims.upn).toBe(B.username);
  });

  it("persists the account in a 0600 file; a new process renews silently without signing in", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "bcts-cache-")), "nested", "bc-user.json");
    const first = webApp({ tokenCache: new FileTokenCachePersistence(file) });
    const { url } = await first.createAuthorizationUrl();
    await first.completeSignIn(await entra.signIn(url, B));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, "..")).mode & 0o077).toBe(0);

    const restarted = webApp({ tokenCache: new FileTokenCachePersistence(file) });
    expect((await restarted.getAccount())?.username).toBe(B.username);
    const v = entra.validateAccessToken((await restarted.getToken()).token);
    expect(v.ok && v.claims.upn).toBe(B.username);
    expect(JSON.stringify(restarted)).not.toContain(readFileSync(file, "utf8").slice(0, 40));
  });

  it("a shared pendingSignIns store lets another instance (behind a load balancer) complete the sign-in", async () => {
    const shared = new MemoryPendingSignInStore();
    const { url } = await webApp({ pendingSignIns: shared }).createAuthorizationUrl();
    const otherInstance = webApp({ pendingSignIns: shared });
    expect((await otherInstance.completeSignIn(await entra.signIn(url, B))).username).toBe(B.username);
    const { url: url2 } = await webApp().createAuthorizationUrl(); // default store: only the creating instance
    await expect(webApp().completeSignIn(await entra.signIn(url2, B))).rejects.toMatchObject({ code: "state_mismatch" });
  });

  it("getToken before anyone signed in → InteractionRequiredError naming the next step", async () => {
    const error = await webApp().getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InteractionRequiredError);
    expect((error as Error).message).toMatch(/createAuthorizationUrl/);
  });

  it("revoked refresh token → InteractionRequiredError (sign in again), not a configuration error", async () => {
    const user = webApp({ refreshPolicy: { minForceRefreshIntervalInMs: 0 } });
    const { url } = await user.createAuthorizationUrl();
    await user.completeSignIn(await entra.signIn(url, B));
    entra.revokeRefreshTokens(B.username);
    const error = await user.getToken({ forceRefresh: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InteractionRequiredError);
    expect(error).toMatchObject({ code: "invalid_grant", aadsts: 50173, retryable: false });
    expect((error as InteractionRequiredError).remedy).toContain("sign in again");
  });

  it("a callback with an unknown state is refused", async () => {
    const error = await webApp().completeSignIn(`${CALLBACK}?code=abc&state=forged`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InteractionRequiredError);
    expect(error).toMatchObject({ code: "state_mismatch" });
  });

  it("§1.3 consent missing → the redirect carries AADSTS65001 and completeSignIn explains it", async () => {
    const user = webApp({ clientId: UNCONSENTED_APP, clientSecret: "unconsented-secret" });
    const { url } = await user.createAuthorizationUrl();
    const error = await user.completeSignIn(await entra.signIn(url, B)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InteractionRequiredError);
    expect(error).toMatchObject({ code: "consent_required", aadsts: 65001 });
    expect((error as InteractionRequiredError).remedy).toContain("grant consent");
  });

  it("a public client (no secret) signs in with PKCE alone", async () => {
    const user = webApp({ clientId: PUBLIC_APP, clientSecret: undefined });
    const { url } = await user.createAuthorizationUrl();
    await user.completeSignIn(await entra.signIn(url, B));
    expect(entra.validateAccessToken((await user.getToken()).token).ok).toBe(true);
  });

  it("never shows secrets or tokens in inspect/JSON/errors", async () => {
    const user = webApp();
    const error = await user.completeSignIn(`${CALLBACK}?code=secret-code-value&state=x`).catch((e: unknown) => e);
    expect(leakedIn(error, "secret-code-value", FAKE_ENTRA_DEMO.clientSecret)).toEqual([]);
    expect(JSON.stringify(user)).not.toContain(FAKE_ENTRA_DEMO.clientSecret);
  });
});

describe("DeviceCodeProvider: user sign-in for CLIs", () => {
  it("prints a code, waits for the user, then renews silently; concurrent callers share one sign-in", async () => {
    const prompts: DeviceCodePrompt[] = [];
    const cli = new DeviceCodeProvider({
      ...fakeAuthority(entra), clientId: PUBLIC_APP, clock,
      onDeviceCode: (p) => {
        prompts.push(p);
        setTimeout(() => entra.approveDeviceCode(p.userCode, B.username), 50);
      },
    });
    const [a, b] = await Promise.all([cli.getToken(), cli.getToken()]);
    expect(a.token).toBe(b.token);
    expect(prompts).toHaveLength(1);
    expect(prompts[0]!.message).toContain(prompts[0]!.userCode);
    expect(prompts[0]!.verificationUri).toBe(`${entra.origin}/devicelogin`);
    const v = entra.validateAccessToken(a.token);
    expect(v.ok && v.claims.upn).toBe(B.username);
    expect((await cli.getAccount())?.username).toBe(B.username);
  });
});

describe("DeviceCodeProvider failures", () => {
  it("a declined sign-in → InteractionRequiredError authorization_declined with a remedy", async () => {
    const cli = new DeviceCodeProvider({ ...fakeAuthority(entra), clientId: PUBLIC_APP, clock, onDeviceCode: (p) => setTimeout(() => entra.declineDeviceCode(p.userCode), 20) });
    const error = await cli.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InteractionRequiredError);
    expect(error).toMatchObject({ code: "authorization_declined", aadsts: 70000 });
    expect((error as InteractionRequiredError).remedy).toMatch(/declined/);
  });

  it("device code needs a public client: a confidential app without credentials gets AADSTS7000218", async () => {
    const cli = new DeviceCodeProvider({ ...fakeAuthority(entra), clock, onDeviceCode: () => undefined });
    const error = await cli.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationConfigurationError);
    expect(error).toMatchObject({ aadsts: 7000218, status: 401, code: "invalid_client" });
    expect((error as AuthenticationConfigurationError).remedy).toMatch(/no client credential was sent/);
  });
});
