import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

describe("bcts-emulator CLI", () => {
  it("prints base URLs, tenant, client id, demo secret and CA file, serves until SIGINT", async () => {
    const child = spawn(process.execPath, ["--conditions=@bcts/source", "--import", "tsx", cli, "--port", "0"], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 20_000);
      child.stdout.on("data", (c: Buffer) => {
        out += c.toString();
        if (out.includes("Press Ctrl-C")) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    expect(out).toMatch(/Business Central base URL : http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toMatch(/Entra authority host {6}: https:\/\/localhost:\d+/);
    expect(out).toMatch(/Tenant id {17}: [0-9a-f-]{36}/);
    expect(out).toMatch(/Client secret \(DEMO ONLY\) : \S+/);
    expect(out).toMatch(/Test CA file {14}: \/.*\.pem/);
    const base = /Business Central base URL : (\S+)/.exec(out)![1]!;
    expect((await fetch(`${base}/v2.0/production/api/v2.0/companies`)).status).toBe(401);
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });
});
