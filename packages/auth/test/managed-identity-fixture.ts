import { FAKE_ENTRA_DEMO, startEmulator, type Emulator } from "@bcts/emulator";

/** Identities of the fake Azure host. Test-only values. */
export const MI = {
  system: "5a7e3c1d-2b4f-4e6a-9c8d-1f0e2d3c4b5a",
  userAssigned: "8c2d4e6f-1a3b-4c5d-8e7f-9a0b1c2d3e4f",
  userAssignedObjectId: "0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f3a",
  userAssignedResourceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/bc-connector",
  /** Attached to the host and known to Entra, but not on BC's "Microsoft Entra Applications" page. */
  notInBc: "2e4f6a8c-0b1d-4e3f-a5b7-c9d1e3f5a7b9",
  identityHeader: "fake-identity-header-secret-7f3a9c",
} as const;

/** Variables by which msal-node would pick another source; cleared so only the one under test applies. */
const MI_VARIABLES = ["IDENTITY_ENDPOINT", "IDENTITY_HEADER", "IDENTITY_SERVER_THUMBPRINT", "IMDS_ENDPOINT", "MSI_ENDPOINT", "MSI_SECRET", "AZURE_POD_IDENTITY_AUTHORITY_HOST", "DEFAULT_IDENTITY_CLIENT_ID"];

/**
 * The emulator with a managed-identity host, and this test process's environment pointed at its
 * loopback endpoint for one style. Vitest runs each test file in its own process (pool "forks"), and
 * msal-node fixes the source at the first token request, so one file tests one style.
 */
export async function startManagedIdentityHost(style: "imds" | "app-service"): Promise<Emulator> {
  const emu = await startEmulator({
    entra: {
      managedIdentity: {
        systemAssigned: { clientId: MI.system },
        userAssigned: [
          { clientId: MI.userAssigned, objectId: MI.userAssignedObjectId, resourceId: MI.userAssignedResourceId },
          { clientId: MI.notInBc },
        ],
        identityHeader: MI.identityHeader,
      },
    },
    bc: {
      tenants: [{
        tenantId: FAKE_ENTRA_DEMO.tenantId,
        domains: [FAKE_ENTRA_DEMO.domain],
        environments: ["production"],
        applications: [
          { clientId: FAKE_ENTRA_DEMO.clientId, description: "bcts demo app", enabled: true },
          { clientId: MI.system, description: "system-assigned identity", enabled: true },
          { clientId: MI.userAssigned, description: "user-assigned identity", enabled: true },
        ],
      }],
    },
  });
  for (const name of MI_VARIABLES) delete process.env[name];
  Object.assign(process.env, emu.entra.managedIdentity!.environment(style));
  // Never let a test reach the real IMDS address.
  if (style === "imds" && !process.env.AZURE_POD_IDENTITY_AUTHORITY_HOST?.startsWith("http://127.0.0.1:")) throw new Error("IMDS override missing");
  return emu;
}

export async function callBc(emu: Emulator, token: string): Promise<number> {
  const res = await fetch(`${emu.serviceRootUrl("api/v2.0")}/companies`, { headers: { authorization: `Bearer ${token}` } });
  await res.body?.cancel();
  return res.status;
}

export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}

/** A logger that keeps every line, for "the token never appears" assertions. */
export function recordingLogger() {
  const lines: string[] = [];
  const at = (level: string) => (message: string, context?: Readonly<Record<string, unknown>>) => void lines.push(`${level} ${message} ${JSON.stringify(context ?? {})}`);
  return { lines, logger: { error: at("error"), warning: at("warning"), info: at("info"), verbose: at("verbose") } };
}
