import { startBcServer, type BcServer } from "./bc/bc-server.js";
import type { BcServerOptions } from "./bc/bc-server-options.js";
import type { BcTenantOptions } from "./bc/auth/bc-tenant.js";
import { systemClock, type Clock } from "./bc/clock.js";
import { FAKE_ENTRA_DEMO, startFakeEntra, type FakeEntra, type FakeEntraOptions } from "./entra/index.js";

export interface StartEmulatorOptions {
  /** BC port; 0 (default) picks a free one. */
  readonly port?: number;
  /** Fake Entra port; 0 (default) picks a free one. */
  readonly entraPort?: number;
  /** Environment name of the demo tenant. Default "production". */
  readonly environment?: string;
  /** One clock for both servers (token expiry, limits, timestamps). */
  readonly clock?: Clock;
  /** Extra fake-Entra options (tenants, token lifetime, TLS). */
  readonly entra?: Omit<FakeEntraOptions, "port" | "clock">;
  /** Extra BC options (routes, seed, quirk switches). `tenants` replaces the demo tenant's BC registration list. */
  readonly bc?: Partial<Omit<BcServerOptions, "port" | "clock" | "validateAccessToken">>;
}

/** The running emulator (architecture Contract 4). */
export interface Emulator {
  readonly tenantId: string;
  readonly environment: string;
  readonly clientId: string;
  /** DEMO secret of the demo app — for the emulator only, never a real credential. */
  readonly clientSecret: string;
  /** `https://localhost:PORT`; authority = `${authorityHost}/${tenantId}`. */
  readonly authorityHost: string;
  readonly caPem: string;
  readonly caFile: string;
  /** `http://127.0.0.1:PORT` (stands in for https://api.businesscentral.dynamics.com). */
  readonly bcBaseUrl: string;
  /** `${bcBaseUrl}/v2.0/${tenantId}/${environment}/${routePath}` */
  serviceRootUrl(routePath: string): string;
  readonly entra: FakeEntra;
  readonly bc: BcServer;
  close(): Promise<void>;
}

/**
 * Fake Entra (HTTPS) + fake BC (HTTP) with a demo tenant and app registered on both sides.
 *
 * @example
 * const emu = await startEmulator();
 * const provider = new ClientSecretProvider({ tenantId: emu.tenantId, clientId: emu.clientId, clientSecret: emu.clientSecret, authorityHost: emu.authorityHost, ca: emu.caPem });
 * await fetch(`${emu.serviceRootUrl("api/v2.0")}/companies`, { headers: { authorization: `Bearer ${token}` } });
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<Emulator> {
  const clock = options.clock ?? systemClock;
  const environment = options.environment ?? "production";
  const entra = await startFakeEntra({ ...options.entra, port: options.entraPort ?? 0, clock: () => clock.now() });
  const tenants: readonly BcTenantOptions[] = options.bc?.tenants ?? [
    {
      tenantId: FAKE_ENTRA_DEMO.tenantId,
      domains: [FAKE_ENTRA_DEMO.domain],
      environments: [environment],
      applications: [{ clientId: FAKE_ENTRA_DEMO.clientId, description: "bcts demo app", enabled: true }],
    },
  ];
  let bc: BcServer;
  try {
    bc = await startBcServer({ ...options.bc, tenants, port: options.port ?? 0, clock, validateAccessToken: (token) => entra.validateAccessToken(token) });
  } catch (error) {
    await entra.close();
    throw error;
  }
  const bcBaseUrl = bc.url;
  return {
    tenantId: FAKE_ENTRA_DEMO.tenantId,
    environment,
    clientId: FAKE_ENTRA_DEMO.clientId,
    clientSecret: FAKE_ENTRA_DEMO.clientSecret,
    authorityHost: entra.origin,
    caPem: entra.caPem,
    caFile: entra.caFile,
    bcBaseUrl,
    serviceRootUrl: (routePath) => `${bcBaseUrl}/v2.0/${FAKE_ENTRA_DEMO.tenantId}/${environment}/${routePath.replace(/^\/+/, "")}`,
    entra,
    bc,
    close: async () => {
      await Promise.allSettled([bc.close(), entra.close()]);
    },
  };
}
