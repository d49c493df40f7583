import { ClientSecretProvider } from "@bcts/auth";
import { startEmulator, type Emulator, type StartEmulatorOptions } from "@bcts/emulator";
import { createODataClient, type ODataClientOptions } from "../../src/index.js";
import { apiV2_0 } from "../fixtures/api-model.js";

export type ApiClient = ReturnType<typeof createODataClient<typeof apiV2_0.sets>>;

export interface EmulatorFixture {
  readonly emu: Emulator;
  readonly companyId: string;
  /** A client of the emulator's api/v2.0 with fast retries (1 ms backoff) unless overridden. */
  client(options?: Partial<ODataClientOptions>): ApiClient;
  close(): Promise<void>;
}

/** The emulator with a real @bcts/auth credential, and clients on the test fixture route. */
export async function startEmulatorFixture(options: StartEmulatorOptions = {}): Promise<EmulatorFixture> {
  const emu = await startEmulator(options);
  const credential = new ClientSecretProvider({ tenantId: emu.tenantId, clientId: emu.clientId, clientSecret: emu.clientSecret, authorityHost: emu.authorityHost, ca: emu.caPem });
  const client = (options: Partial<ODataClientOptions> = {}): ApiClient =>
    createODataClient(apiV2_0, {
      tenantId: emu.tenantId,
      environment: emu.environment,
      baseUrl: emu.bcBaseUrl,
      credential,
      retry: { maxRetries: 2, retryDelayInMs: 1, maxRetryDelayInMs: 2, deadlineInMs: 10_000 },
      ...options,
    });
  let companyId = "";
  for await (const c of client().companies.list({ select: ["id"], top: 1 })) companyId = c.id;
  return { emu, companyId, client, close: () => emu.close() };
}
