import { AuthorizationCodeProvider } from "@bcts/auth";
import { FAKE_ENTRA_DEMO, startEmulator, type Emulator } from "@bcts/emulator";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { signInOnEmulatorPage } from "../src/emulator-sign-in.js";

describe("signing in on the emulator's page over HTTP", () => {
  let emu: Emulator;
  let user: AuthorizationCodeProvider;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0 });
    user = new AuthorizationCodeProvider({ tenantId: emu.tenantId, clientId: emu.clientId, clientSecret: emu.clientSecret, redirectUri: FAKE_ENTRA_DEMO.redirectUri, authorityHost: emu.authorityHost, ca: emu.caPem });
  });
  afterAll(() => emu?.close());

  test("the demo user's credentials → a redirect with code and the URL's state", async () => {
    const { url, state } = await user.createAuthorizationUrl();
    const redirect = await signInOnEmulatorPage(url, { username: FAKE_ENTRA_DEMO.username, password: FAKE_ENTRA_DEMO.password }, emu.caPem);
    expect(`${redirect.origin}${redirect.pathname}`).toBe(FAKE_ENTRA_DEMO.redirectUri);
    expect(redirect.searchParams.get("state")).toBe(state);
    expect(redirect.searchParams.get("code")).toBeTruthy();
  });

  test("a wrong password → the page's AADSTS50126 message", async () => {
    const { url } = await user.createAuthorizationUrl();
    await expect(signInOnEmulatorPage(url, { username: FAKE_ENTRA_DEMO.username, password: "wrong" }, emu.caPem)).rejects.toThrow(/^Sign-in failed: AADSTS50126/);
  });
});
