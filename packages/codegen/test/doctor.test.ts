import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cronusCompanyId, startEmulator, type Emulator } from "@bcts/emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runCli, type CliIo } from "../src/cli/run-cli.js";

let emu: Emulator;
let dir: string;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  dir = mkdtempSync(join(tmpdir(), "bcts-doctor-"));
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  emu.entra.setBehavior(undefined);
  emu.bc.setApplicationEnabled(emu.tenantId, emu.clientId, true);
  app().roles = ["API.ReadWrite.All", "Automation.ReadWrite.All"];
});

const app = () => emu.entra.findTenant(emu.tenantId)!.apps.find((a) => a.clientId === emu.clientId)!;

/** The variables a user sets, pointed at the emulator (its CA through NODE_EXTRA_CA_CERTS, its hosts through the *_HOST/_URL ones). */
function env(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    AZURE_TENANT_ID: emu.tenantId, AZURE_CLIENT_ID: emu.clientId, AZURE_CLIENT_SECRET: emu.clientSecret, BC_ENVIRONMENT: emu.environment,
    AZURE_AUTHORITY_HOST: emu.authorityHost, BC_BASE_URL: emu.bcBaseUrl, NODE_EXTRA_CA_CERTS: emu.caFile, ...overrides,
  };
}

async function doctor(variables: Record<string, string | undefined>, args: string[] = []) {
  const lines: string[] = [];
  const io: CliIo = { cwd: dir, env: variables, out: (l) => lines.push(l), err: (l) => lines.push(l) };
  const code = await runCli(["doctor", ...args], io);
  const text = lines.join("\n");
  // Never the secret, never the token.
  expect(text).not.toContain(emu.clientSecret);
  expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  return { code, text, failed: /✘ (\d+)\. ([^:]+):/.exec(text) };
}

describe("bcts doctor against the emulator", () => {
  it("passes every step of a correct setup, naming audience, roles, company and routes", async () => {
    writeFileSync(join(dir, "ok.config.ts"), `export default { routes: [{ name: "api-v2.0", kind: "api", path: "api/v2.0", outDir: "out",
      source: { kind: "url", url: "${emu.serviceRootUrl("api/v2.0")}", credential: { getToken: () => { throw new Error("the doctor must not use the config's credential"); } } } }] };\n`);
    const r = await doctor(env(), ["--config", "ok.config.ts"]);
    expect(r.code, r.text).toBe(0);
    expect(r.text).toMatch(/✔ 1\. environment variables: tenant [0-9a-f-]{36}, client [0-9a-f-]{36}, AZURE_CLIENT_SECRET set, environment production/);
    expect(r.text).toMatch(/✔ 2\. token from Entra ID/);
    expect(r.text).toMatch(/✔ 3\. token audience and roles: aud https:\/\/api\.businesscentral\.dynamics\.com, roles API\.ReadWrite\.All, Automation\.ReadWrite\.All/);
    expect(r.text).toMatch(/✔ 4\. Business Central accepts the app/);
    expect(r.text).toMatch(/✔ 5\. environment "production" exists: 1 company: CRONUS USA, Inc\./);
    expect(r.text).toContain(`✔ 6. a company is readable: CRONUS USA, Inc. (${cronusCompanyId})`);
    expect(r.text).toMatch(/✔ 7\. route api-v2\.0 \(api\/v2\.0\): \$metadata served/);
    expect(r.text).toContain("Every check passed.");
  });

  it("1: a missing variable names it and where to find the value", async () => {
    const r = await doctor(env({ AZURE_CLIENT_ID: undefined, AZURE_CLIENT_SECRET: "" }));
    expect(r.code).toBe(1);
    expect(r.failed?.[1]).toBe("1");
    expect(r.text).toMatch(/missing AZURE_CLIENT_ID, AZURE_CLIENT_SECRET\n\s+fix: set AZURE_CLIENT_ID \(Application \(client\) ID/);
  });

  it("2: a wrong secret fails at the token with Entra's code and the remedy", async () => {
    const r = await doctor(env({ AZURE_CLIENT_SECRET: "the-secret-id-not-its-value" }));
    expect(r.failed?.[1], r.text).toBe("2");
    expect(r.text).toMatch(/AADSTS7000215/);
    expect(r.text).not.toContain("the-secret-id-not-its-value");
  });

  it("3: a token for another resource fails on its audience", async () => {
    const claims = { aud: "https://graph.microsoft.com", tid: emu.tenantId, roles: ["API.ReadWrite.All"], appid: emu.clientId };
    const fake = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.sig`;
    emu.entra.setBehavior((req) => (req.endpoint === "token" ? { status: 200, json: { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: fake } } : undefined));
    const r = await doctor(env());
    expect(r.failed?.[1], r.text).toBe("3");
    expect(r.text).toMatch(/the token is for "https:\/\/graph\.microsoft\.com", not Business Central/);
  });

  it("3: a token without API.ReadWrite.All names the missing role and the consent step", async () => {
    app().roles = ["Automation.ReadWrite.All"];
    const r = await doctor(env());
    expect(r.failed?.[1], r.text).toBe("3");
    expect(r.text).toMatch(/roles \[Automation\.ReadWrite\.All\] lack API\.ReadWrite\.All\n\s+fix: .*Application permissions → API\.ReadWrite\.All, then "Grant admin consent"/);
  });

  it("4: an app disabled on BC's Microsoft Entra Applications page gives 401 Authentication_InvalidCredentials and the page to fix", async () => {
    emu.bc.setApplicationEnabled(emu.tenantId, emu.clientId, false);
    const r = await doctor(env());
    expect(r.failed?.[1], r.text).toBe("4");
    expect(r.text).toMatch(/401 Authentication_InvalidCredentials[^]*"Microsoft Entra Applications" page, New, Client ID [0-9a-f-]{36}, State = Enabled/);
  });

  it("5: an environment that does not exist", async () => {
    const r = await doctor(env({ BC_ENVIRONMENT: "sandbox-typo" }));
    expect(r.failed?.[1], r.text).toBe("5");
    expect(r.text).toMatch(/✔ 4\. Business Central accepts the app[^]*✘ 5\. environment "sandbox-typo" exists: 404[^]*fix: set BC_ENVIRONMENT/);
  });

  it("6: a BC_COMPANY_ID that is not there lists the companies there are", async () => {
    const r = await doctor(env({ BC_COMPANY_ID: "00000000-0000-0000-0000-00000000abcd" }));
    expect(r.failed?.[1], r.text).toBe("6");
    expect(r.text).toContain(`fix: set BC_COMPANY_ID to one of: CRONUS USA, Inc. (${cronusCompanyId}).`);
  });

  it("7: a configured route the environment does not serve (extension not installed)", async () => {
    writeFileSync(join(dir, "missing.config.ts"), `const credential = { getToken: async () => ({ token: "unused", tokenType: "Bearer", expiresOnTimestamp: 0 }) };
export default { routes: [
  { name: "api-v2.0", kind: "api", path: "api/v2.0", outDir: "a", source: { kind: "url", url: "${emu.serviceRootUrl("api/v2.0")}", credential } },
  { name: "contoso-app1-v1.0", kind: "api", path: "api/contoso/app1/v1.0", outDir: "b", source: { kind: "url", url: "${emu.serviceRootUrl("api/contoso/app1/v1.0")}", credential } },
] };\n`);
    const r = await doctor(env(), ["--config", "missing.config.ts"]);
    expect(r.failed?.[1], r.text).toBe("8");
    expect(r.text).toMatch(/✔ 7\. route api-v2\.0[^]*✘ 8\. route contoso-app1-v1\.0 \(api\/contoso\/app1\/v1\.0\): 404[^]*fix: install the extension that publishes api\/contoso\/app1\/v1\.0/);
  });

  it("--timeout-ms must be a positive number; an unknown option is a usage error", async () => {
    expect((await doctor(env(), ["--timeout-ms", "soon"])).code).toBe(2);
    expect((await doctor(env(), ["--verbose"])).code).toBe(2);
  });
});
