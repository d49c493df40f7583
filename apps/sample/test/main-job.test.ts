import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { clientPaths, generateClient } from "../src/generate-client.js";
import { customerCrud } from "../src/scenarios/customer-crud.js";
import { resolveTarget, type Target } from "../src/target.js";

// The main job's path over real HTTP(S): msal-node → fake Entra token endpoint; codegen →
// emulator $metadata; generated client → emulator CRUD.
describe("main job against the embedded emulator", () => {
  let target: Target;
  const work = mkdtempSync(join(tmpdir(), "bcts-main-job-"));

  beforeAll(async () => {
    target = await resolveTarget({});
  });
  afterAll(async () => {
    await target?.close();
    rmSync(work, { recursive: true, force: true });
  });

  test("the default target is the emulator, described without secrets", () => {
    expect(target.kind).toBe("emulator");
    expect(target.serviceRootUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2\.0\/[0-9a-f-]{36}\/production\/api\/v2\.0$/);
  });

  test("msal-node gets an S2S token from the fake Entra ID over HTTPS", async () => {
    const token = await target.credential.getToken();
    expect(token.tokenType).toBe("Bearer");
    expect(token.token.split(".")).toHaveLength(3);
    expect(token.expiresOnTimestamp).toBeGreaterThan(Date.now() + 30 * 60_000);
  });

  test("codegen fetches $metadata with the token and reproduces the committed client byte for byte", async () => {
    const outDir = join(work, "api-v2.0");
    const snapshotPath = join(work, "api-v2.0.xml");
    const result = await generateClient(target, { outDir, snapshotPath });
    expect(result.files).toBeGreaterThan(80);
    expect(readFileSync(snapshotPath, "utf8")).toBe(readFileSync(clientPaths.snapshotPath, "utf8"));
    const committed = readdirSync(clientPaths.outDir).sort();
    expect(readdirSync(outDir).sort()).toEqual(committed);
    for (const file of committed) {
      expect(readFileSync(join(outDir, file), "utf8"), file).toBe(readFileSync(join(clientPaths.outDir, file), "utf8"));
    }
  });

  test("the generated client runs the seed-001 CRUD flow and prints each step", async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    try {
      await customerCrud(target, { runId: "e2e-test" });
    } finally {
      spy.mockRestore();
    }
    const text = out.join("");
    for (const step of ["List companies", "CRONUS USA, Inc.", "$filter=balanceDue%20gt%200", "201 Created", "Find it by $filter", "If-Match: W/\"", "200 OK: displayName is now \"bcts demo e2e-test (renamed)\"", "204 No Content", "left: 0"]) {
      expect(text).toContain(step);
    }
  });
});
