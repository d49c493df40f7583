import { AuthorizationCodeProvider, type TokenProvider } from "@bcts/auth";
import { createBusinessCentralClient } from "@bcts/client";
import { FAKE_ENTRA_DEMO } from "@bcts/emulator";
import { waitForAuthorizationCallback } from "../authorization-callback.js";
import { signInOnEmulatorPage } from "../emulator-sign-in.js";
import { log } from "../log.js";
import type { Target } from "../target.js";

export interface DelegatedSignInOptions {
  /**
   * Live tenant only: the web app's redirect URI, registered under Authentication → Web, on this
   * machine (http://localhost:PORT/path); the scenario listens there for the sign-in to finish.
   */
  readonly redirectUri?: string;
  /** Live tenant only: how long to wait for the person to sign in. Default 15 min. */
  readonly timeoutInMs?: number;
}

/**
 * Seed 004: delegated "user impersonation". The integration creates an authorization URL and hands
 * it to a person who can sign in to Business Central; after they sign in, the integration calls BC
 * with their token (and their permissions) and renews it silently with the refresh token.
 */
export async function delegatedSignIn(target: Target, options: DelegatedSignInOptions = {}): Promise<void> {
  const emulator = target.emulator;
  const redirectUri = emulator ? FAKE_ENTRA_DEMO.redirectUri : options.redirectUri;
  if (!redirectUri) throw new Error("Set BC_REDIRECT_URI to the app's registered redirect URI on this machine, e.g. http://localhost:3000/auth/callback.");
  const user = emulator
    ? new AuthorizationCodeProvider({ tenantId: emulator.tenantId, clientId: emulator.clientId, clientSecret: emulator.clientSecret, redirectUri, authorityHost: emulator.authorityHost, ca: emulator.caPem })
    : new AuthorizationCodeProvider({ tenantId: target.tenantId, clientId: env("AZURE_CLIENT_ID"), clientSecret: env("AZURE_CLIENT_SECRET"), redirectUri });

  log.step("Create the authorization URL");
  const { url, expiresOnTimestamp } = await user.createAuthorizationUrl();
  log.detail("Send this URL to the person who should sign in (their Business Central permissions will apply):", "", url, "");
  log.detail(`It can be redeemed by this process until ${new Date(expiresOnTimestamp).toISOString()}.`);

  log.step("Sign in");
  let callback: URL;
  if (emulator) {
    log.detail(`Emulator: its demo user ${FAKE_ENTRA_DEMO.username} now signs in on the fake Entra page (GET the form, POST user name and password).`);
    callback = await signInOnEmulatorPage(url, { username: FAKE_ENTRA_DEMO.username, password: FAKE_ENTRA_DEMO.password }, emulator.caPem);
  } else {
    log.detail(`Waiting for the browser to come back to ${redirectUri} …`);
    callback = await waitForAuthorizationCallback(redirectUri, options.timeoutInMs ?? 15 * 60_000);
  }
  log.detail(`redirected to ${callback.origin}${callback.pathname}?code=[redacted]&state=${callback.searchParams.get("state") ?? ""}`);
  const account = await user.completeSignIn(callback.toString());
  log.detail(`signed in as ${account.username} (tenant ${account.tenantId})`);

  log.step("Call Business Central as that user");
  await callAsUser(target, user);

  log.step("Later calls");
  const token = await user.getToken();
  log.detail(
    `token valid until ${new Date(token.expiresOnTimestamp).toISOString()}; before then it is renewed with the refresh token, without a sign-in`,
    "(keep the refresh token across restarts with tokenCache: new FileTokenCachePersistence(path) — treat that file as a secret)",
  );
}

async function callAsUser(target: Target, credential: TokenProvider): Promise<void> {
  const bc = createBusinessCentralClient({ tenantId: target.tenantId, environment: target.environment, baseUrl: target.baseUrl, credential });
  const query = bc.companies.query({ select: ["id", "name"] });
  log.detail(`GET ${query.toUrl()}`);
  const companies = [];
  for await (const c of query.list()) companies.push(c);
  log.table(companies, ["id", "name"]);
}

function env(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) throw new Error(`Set ${name} (the web app registration that asks for user_impersonation).`);
  return value;
}
