import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ClientSecretProvider } from "@bcts/auth";
import { startEmulator, type Emulator } from "@bcts/emulator";
import { afterAll, beforeAll, expect, it } from "vitest";
import { generate } from "../src/generate.js";
import { MetadataFetchError } from "../src/fetch/metadata-fetch-error.js";

// End to end over real HTTP: token from the fake Entra ID, $metadata from the fake Business Central.
let emu: Emulator;
const dir = join(import.meta.dirname ?? __dirname, ".tmp", "emulator");
beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  emu = await startEmulator({ port: 0 });
}, 60_000);
afterAll(() => emu?.close());

const credential = () => new ClientSecretProvider({ tenantId: emu.tenantId, clientId: emu.clientId, clientSecret: emu.clientSecret, authorityHost: emu.authorityHost, ca: emu.caPem });

it("generates api/v2.0 from the emulator's live $metadata, pins the snapshot, and reproduces it offline", async () => {
  const route = { name: "api-v2.0", kind: "api" as const, path: "api/v2.0", source: { kind: "url" as const, url: emu.serviceRootUrl("api/v2.0"), credential: credential() }, outDir: "out/api-v2.0" };
  const [live] = await generate({ routes: [route], cwd: dir });
  expect(live?.fileCount).toBeGreaterThan(80);
  expect(readFileSync(join(dir, "metadata/api-v2.0.xml"), "utf8")).toMatch(/^<\?xml|^<edmx:Edmx/);
  expect(readFileSync(join(dir, "out/api-v2.0/customer.ts"), "utf8")).toContain("export const customersSet = defineEntitySet<CustomerModel, \"company\">");
  const [offline] = await generate({ routes: [route], cwd: dir, offline: true, check: true });
  expect(offline?.stale).toEqual([]);
}, 60_000);

it("names status and URL when the emulator refuses a route", async () => {
  const route = { name: "nope", kind: "api" as const, path: "api/contoso/nope/v1.0", source: { kind: "url" as const, url: emu.serviceRootUrl("api/contoso/nope/v1.0"), credential: credential() }, outDir: "out/nope" };
  const error = await generate({ routes: [route], cwd: dir }).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(MetadataFetchError);
  expect((error as MetadataFetchError).message).toContain(`${emu.serviceRootUrl("api/contoso/nope/v1.0")}/$metadata answered`);
}, 60_000);
