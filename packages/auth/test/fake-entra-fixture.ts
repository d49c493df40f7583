import { inspect } from "node:util";
// The fake authority the integration tests run real msal-node against (msal-node-notes §13).
export { startFakeEntra, FAKE_ENTRA_DEMO, defaultTls, testClientCredentialFiles, type FakeEntra } from "@bcts/emulator";
import type { FakeEntra } from "@bcts/emulator";
import { FAKE_ENTRA_DEMO } from "@bcts/emulator";

/** Options pointing a provider at the fake: its https origin as authority host and its CA. */
export function fakeAuthority(entra: FakeEntra) {
  return { authorityHost: entra.origin, ca: entra.caPem, tenantId: FAKE_ENTRA_DEMO.tenantId, clientId: FAKE_ENTRA_DEMO.clientId, timeoutInMs: 2_000, maxRetries: 0 } as const;
}

export function tokenPosts(entra: FakeEntra): number {
  return entra.requests.filter((r) => r.endpoint === "token").length;
}

/** Asserts nothing secret leaked into an error's message, stack, JSON or inspect output. */
export function leakedIn(error: unknown, ...secrets: string[]): string[] {
  const e = error as Error;
  const haystacks = [e.message, e.stack ?? "", JSON.stringify(e), String(e), inspect(e, { depth: 5 })];
  return secrets.filter((s) => haystacks.some((h) => h.includes(s)));
}
