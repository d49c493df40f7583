import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPublicKey } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import type { Emulator } from "@bcts/emulator";
import { AuthenticationConfigurationError, ClientAssertionProvider, ManagedIdentityProvider, TransientAuthenticationError, createTokenProviderFromEnvironment } from "../src/index.js";
import { externalIssuer } from "./jwt-signer.js";
import { MI, callBc, claimsOf, recordingLogger, startManagedIdentityHost } from "./managed-identity-fixture.js";

// App Service / Functions / Container Apps style over real HTTP: GET {IDENTITY_ENDPOINT} + X-IDENTITY-HEADER.
let emu: Emulator;
beforeAll(async () => void (emu = await startManagedIdentityHost("app-service")));
afterAll(() => emu.close());
beforeEach(() => {
  emu.entra.setBehavior(undefined);
  emu.entra.clearRequests();
});

const miRequests = () => emu.entra.requests.filter((r) => r.endpoint === "managed-identity-app-service");
const fast = { retryDelayInMs: 5, timeoutInMs: 2_000 } as const;

describe("ManagedIdentityProvider, App Service endpoint", () => {
  it("system-assigned: GET /msi/token?api-version=2019-08-01 with the secret header; the token works at the fake BC", async () => {
    const provider = new ManagedIdentityProvider(fast);
    expect(provider.source()).toBe("AppService");
    const { token } = await provider.getToken();
    expect(claimsOf(token)).toMatchObject({ appid: MI.system, idtyp: "app" });
    expect(await callBc(emu, token)).toBe(200);
    const [req] = miRequests();
    expect(req).toMatchObject({ method: "GET", path: "/msi/token", query: { "api-version": "2019-08-01", resource: "https://api.businesscentral.dynamics.com" } });
    // The fake logs the header redacted; that it was right shows in the 200.
    expect(req!.headers["x-identity-header"]).toBe("[redacted]");
    expect(req!.status).toBe(200);
  });

  it.each([
    { by: "client id", options: { clientId: MI.userAssigned }, query: { client_id: MI.userAssigned } },
    { by: "resource id", options: { resourceId: MI.userAssignedResourceId }, query: { mi_res_id: MI.userAssignedResourceId } },
  ])("user-assigned by $by", async ({ options, query }) => {
    const { token } = await new ManagedIdentityProvider({ ...fast, ...options }).getToken();
    expect(claimsOf(token).appid).toBe(MI.userAssigned);
    expect(miRequests()[0]!.query).toMatchObject(query);
  });

  it("an identity not attached: App Service's 400 {statusCode, message} → configuration error carrying its message", async () => {
    const error = await new ManagedIdentityProvider({ ...fast, clientId: "00000000-1111-4222-8333-444444444444" }).getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationConfigurationError);
    expect(error).toMatchObject({ status: 400, retryable: false });
    expect((error as Error).message).toContain("Unable to load the proper Managed Identity.");
    expect((error as Error).message).toContain("source AppService");
    expect(miRequests()).toHaveLength(1);
  });

  it("429 with Retry-After on every attempt → transient error with status 429 after the retries", async () => {
    emu.entra.setBehavior(() => ({ status: 429, json: { statusCode: 429, message: "Too many requests" }, headers: { "retry-after": "0" } }));
    const error = await new ManagedIdentityProvider({ ...fast, maxRetries: 1 }).getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientAuthenticationError);
    expect(error).toMatchObject({ status: 429, retryable: true });
    expect(miRequests()).toHaveLength(2);
  });

  it("connection reset → transient network error", async () => {
    emu.entra.setBehavior(() => ({ destroy: true }));
    const error = await new ManagedIdentityProvider({ ...fast, maxRetries: 0 }).getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientAuthenticationError);
    expect(error).toMatchObject({ code: "network_error" });
  });

  it("the IDENTITY_HEADER secret and the token never appear in errors, inspect output or log lines", async () => {
    const { lines, logger } = recordingLogger();
    const good = new ManagedIdentityProvider({ ...fast, logger });
    const { token } = await good.getToken();
    emu.entra.setBehavior(() => ({ status: 400, json: { statusCode: 400, message: `echoing ${MI.identityHeader} back` } }));
    const error = await new ManagedIdentityProvider({ ...fast, logger, clientId: MI.userAssigned }).getToken().catch((e: unknown) => e);
    const seen = [JSON.stringify(error), inspect(error), (error as Error).stack ?? "", inspect(good), JSON.stringify(good), ...lines].join("\n");
    expect(lines.length).toBeGreaterThan(1);
    expect(seen).not.toContain(MI.identityHeader);
    expect(seen).not.toContain(token);
    expect(seen).not.toContain(token.split(".")[2]!);
  });
});

describe("AKS workload identity: AZURE_FEDERATED_TOKEN_FILE + AZURE_CLIENT_ID + AZURE_TENANT_ID", () => {
  it("wins over managed identity and exchanges the projected service-account token; the token works at the fake BC", async () => {
    const kubernetes = externalIssuer("https://oidc.prod-aks.example.test/3f0e8d2c/");
    const subject = "system:serviceaccount:bc:connector";
    emu.entra.findTenant(emu.tenantId)!.apps[0]!.federatedCredentials.push({ issuer: kubernetes.issuer, subject, publicKeyPem: kubernetes.publicKeyPem, key: createPublicKey(kubernetes.publicKeyPem) });
    const file = join(mkdtempSync(join(tmpdir(), "bcts-aks-")), "azure-identity-token");
    writeFileSync(file, kubernetes.token({ sub: subject }));
    const provider = createTokenProviderFromEnvironment({
      env: { AZURE_FEDERATED_TOKEN_FILE: file, AZURE_CLIENT_ID: emu.clientId, AZURE_TENANT_ID: emu.tenantId, AZURE_AUTHORITY_HOST: emu.authorityHost },
      ca: emu.caPem,
    });
    expect(provider).toBeInstanceOf(ClientAssertionProvider);
    const { token } = await provider.getToken();
    expect(await callBc(emu, token)).toBe(200);
    expect(miRequests()).toEqual([]);
    expect(emu.entra.requests.find((r) => r.endpoint === "token")?.form).toMatchObject({ client_assertion: "[redacted]" });
  });
});
