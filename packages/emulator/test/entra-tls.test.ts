import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { isAbsolute } from "node:path";
import { promisify } from "node:util";
import { FAKE_ENTRA_DEMO, startFakeEntra, type FakeEntra } from "../src/entra/index.js";
import { call } from "./entra-http.js";

let entra: FakeEntra;
beforeAll(async () => {
  entra = await startFakeEntra();
});
afterAll(() => entra.close());

describe("fake Entra TLS (msal-node-notes §2.2, §13)", () => {
  it("origin is https://localhost:PORT and the certificate verifies with the exported CA", async () => {
    expect(entra.origin).toBe(`https://localhost:${entra.port}`);
    const res = await call(entra, "GET", `/${FAKE_ENTRA_DEMO.tenantId}/discovery/v2.0/keys`);
    expect(res.status).toBe(200);
  });

  it("caFile works as NODE_EXTRA_CA_CERTS for a child process (set at process start)", async () => {
    expect(isAbsolute(entra.caFile)).toBe(true);
    const script = `fetch(${JSON.stringify(`${entra.origin}/${FAKE_ENTRA_DEMO.tenantId}/v2.0/.well-known/openid-configuration`)}).then(r => r.json()).then(j => console.log(j.issuer), e => { console.log("ERR", e.cause?.code ?? e.message); })`;
    const run = (env: NodeJS.ProcessEnv) => promisify(execFile)(process.execPath, ["-e", script], { env });
    const trusted = await run({ ...process.env, NODE_EXTRA_CA_CERTS: entra.caFile });
    expect(trusted.stdout.trim()).toBe(`${entra.origin}/${FAKE_ENTRA_DEMO.tenantId}/v2.0`);
    const untrusted = await run({ PATH: process.env.PATH ?? "" });
    expect(untrusted.stdout).toMatch(/^ERR/);
  });
});
