import { ClientSecretProvider, createTokenProviderFromEnvironment, type TokenProvider } from "@bcts/auth";
import { startEmulator, type Emulator, type StartEmulatorOptions } from "@bcts/emulator";

/**
 * Where the sample and `pnpm generate` talk to: the embedded emulator by default, or a live
 * Business Central tenant when the environment names one.
 *
 *   AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, BC_ENVIRONMENT
 *     → token from https://login.microsoftonline.com/{tenant}
 *     → API at https://api.businesscentral.dynamics.com/v2.0/{tenant}/{environment}/api/v2.0
 */
export interface Target {
  readonly kind: "emulator" | "live";
  readonly tenantId: string;
  readonly environment: string;
  /** The API route's service root, e.g. https://api.businesscentral.dynamics.com/v2.0/{tenant}/production/api/v2.0 */
  readonly serviceRootUrl: string;
  /** Origin that stands for https://api.businesscentral.dynamics.com (the emulator's http://127.0.0.1:PORT). */
  readonly baseUrl: string;
  readonly credential: TokenProvider;
  /** Human-readable lines describing the target; never contains the secret. */
  readonly description: readonly string[];
  /** The embedded emulator when `kind` is "emulator" (its demo user, webhook and request log). */
  readonly emulator?: Emulator;
  close(): Promise<void>;
}

export interface ResolveTargetOptions {
  /** Options for the embedded emulator (ignored for a live tenant), e.g. a shorter webhook delay. */
  readonly emulator?: StartEmulatorOptions;
}

export const liveVariables = ["AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "BC_ENVIRONMENT"] as const;

export class TargetConfigurationError extends Error {
  override readonly name = "TargetConfigurationError";
}

/** Reads the live-tenant variables; undefined when none is set (use the emulator). */
export function readLiveSettings(env: NodeJS.ProcessEnv): Record<(typeof liveVariables)[number], string> | undefined {
  const present = liveVariables.filter((name) => (env[name] ?? "").trim() !== "");
  if (present.length === 0) return undefined;
  const missing = liveVariables.filter((name) => !present.includes(name));
  if (missing.length > 0) {
    throw new TargetConfigurationError(
      `To target a live Business Central tenant, set all of ${liveVariables.join(", ")}. ` +
        `Missing: ${missing.join(", ")}. Unset ${present.join(", ")} to run against the embedded emulator instead.`,
    );
  }
  return Object.fromEntries(liveVariables.map((name) => [name, env[name]!.trim()])) as Record<(typeof liveVariables)[number], string>;
}

export async function resolveTarget(env: NodeJS.ProcessEnv = process.env, options: ResolveTargetOptions = {}): Promise<Target> {
  const live = readLiveSettings(env);
  if (live) {
    const tenantId = live.AZURE_TENANT_ID;
    const environment = live.BC_ENVIRONMENT;
    const baseUrl = "https://api.businesscentral.dynamics.com";
    return {
      kind: "live",
      tenantId,
      environment,
      baseUrl,
      serviceRootUrl: `${baseUrl}/v2.0/${encodeURIComponent(tenantId)}/${encodeURIComponent(environment)}/api/v2.0`,
      // The same Azure SDK variables, read by @bcts/auth's own factory.
      credential: createTokenProviderFromEnvironment({ env }),
      description: [`live tenant ${tenantId}, environment ${environment}`, `token authority https://login.microsoftonline.com/${tenantId}`],
      close: async () => {},
    };
  }
  const emu: Emulator = await startEmulator({ ...options.emulator, port: options.emulator?.port ?? 0 });
  return {
    kind: "emulator",
    tenantId: emu.tenantId,
    environment: emu.environment,
    baseUrl: emu.bcBaseUrl,
    serviceRootUrl: emu.serviceRootUrl("api/v2.0"),
    credential: new ClientSecretProvider({
      tenantId: emu.tenantId,
      clientId: emu.clientId,
      clientSecret: emu.clientSecret,
      authorityHost: emu.authorityHost,
      ca: emu.caPem,
    }),
    description: [
      `embedded emulator (no tenant, no internet): Entra ID at ${emu.authorityHost}/${emu.tenantId}, Business Central at ${emu.bcBaseUrl}`,
    ],
    emulator: emu,
    close: () => emu.close(),
  };
}
