import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, type CliIo } from "../src/cli/run-cli.js";
import { USAGE } from "../src/cli/cli-usage.js";
import { edmx } from "./edmx.js";

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
const customer = `<EntityType Name="customer"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid" Nullable="false"/></EntityType>`;
const vendor = `<EntityType Name="vendor"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid" Nullable="false"/></EntityType>`;
const doc = (types: string, sets: string) => edmx(`${types}<EntityContainer Name="NAV">${sets}</EntityContainer>`);
const one = doc(customer, `<EntitySet Name="customers" EntityType="Microsoft.NAV.customer"/>`);
const two = doc(customer + vendor, `<EntitySet Name="customers" EntityType="Microsoft.NAV.customer"/><EntitySet Name="vendors" EntityType="Microsoft.NAV.vendor"/>`);

// Outside the repository (os temp dir), so no node_modules above it: configs that import @bcts/* must
// get them from the CLI's own installation.
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "bcts-cli-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function io(env: Record<string, string> = {}, abortSignal?: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { cwd: dir, env, out: (l) => out.push(l), err: (l) => err.push(l), ...(abortSignal ? { abortSignal } : {}) };
  return { value, out, err, text: () => [...out, ...err].join("\n") };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!condition()) throw new Error(`gave up waiting for ${what}`);
}

describe("bcts --version and --help", () => {
  it("--version and -v print the package version", async () => {
    for (const flag of ["--version", "-v"]) {
      const r = io();
      expect(await runCli([flag], r.value)).toBe(0);
      expect(r.out).toEqual([manifest.version]);
    }
  });

  it("every command answers --help / -h / `bcts help <command>` with its own usage, exit 0", async () => {
    for (const command of ["generate", "init", "diff", "doctor"] as const) {
      for (const argv of [[command, "--help"], [command, "-h"], ["help", command], [command, "--route", "x", "--help"]]) {
        const r = io();
        expect(await runCli(argv, r.value), argv.join(" ")).toBe(0);
        expect(r.out.join("\n")).toBe(USAGE[command]);
      }
    }
    const main = io();
    expect(await runCli(["--help"], main.value)).toBe(0);
    expect(main.out.join("\n")).toMatch(/generate[^]*init[^]*diff[^]*doctor/);
  });

  it("no command or an unknown one is a usage error (exit 2) that lists the commands", async () => {
    const none = io();
    expect(await runCli([], none.value)).toBe(2);
    expect(none.err.join("\n")).toBe(USAGE.main);
    const unknown = io();
    expect(await runCli(["generte"], unknown.value)).toBe(2);
    expect(unknown.err.join("\n")).toMatch(/^Unknown command "generte"\.\nUsage: bcts <command>/);
    const topic = io();
    expect(await runCli(["help", "nope"], topic.value)).toBe(2);
  });

  it("an unknown option names itself (exit 2)", async () => {
    const r = io();
    expect(await runCli(["generate", "--chek"], r.value)).toBe(2);
    expect(r.err.join("\n")).toMatch(/Unknown option '--chek'/);
  });
});

describe("bcts init", () => {
  it("writes a commented config naming every variable; --check --offline then needs no secrets, a live fetch names what is missing", async () => {
    const r = io();
    expect(await runCli(["init", "--kind", "api", "--path", "api/contoso/app1/v1.0"], r.value)).toBe(0);
    const text = readFileSync(join(dir, "bcts.config.ts"), "utf8");
    for (const name of ["AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH", "BC_ENVIRONMENT"]) expect(text).toContain(name);
    expect(text).toContain('name: "contoso-app1-v1.0"');
    expect(text).toContain("lazyCredential(() => createTokenProviderFromEnvironment())");
    expect(r.out.join("\n")).toMatch(/wrote .*bcts\.config\.ts \(route contoso-app1-v1\.0: api api\/contoso\/app1\/v1\.0\)/);

    mkdirSync(join(dir, "metadata"));
    writeFileSync(join(dir, "metadata", "contoso-app1-v1.0.xml"), one);
    const noSecrets = {}; // not even AZURE_TENANT_ID
    const stale = io(noSecrets);
    expect(await runCli(["generate", "--check", "--offline"], stale.value), stale.text()).toBe(1);
    expect(stale.err.join("\n")).toMatch(/contoso-app1-v1\.0: .* is stale/);
    const offline = io(noSecrets);
    expect(await runCli(["generate", "--offline"], offline.value), offline.text()).toBe(0);
    expect(readdirSync(join(dir, "src", "generated", "contoso-app1-v1.0"))).toContain("customer.ts");
    const check = io(noSecrets);
    expect(await runCli(["generate", "--check", "--offline"], check.value), check.text()).toBe(0);

    // The credential is built on the first fetch: with an incomplete set of variables that is where it
    // fails (a secret without tenant and client; with none at all it would try managed identity).
    const live = io(noSecrets);
    const saved = { ...process.env };
    for (const key of Object.keys(process.env)) if (key.startsWith("AZURE_")) delete process.env[key];
    process.env["AZURE_CLIENT_SECRET"] = "not-a-secret";
    try {
      expect(await runCli(["generate"], live.value)).toBe(2);
    } finally {
      delete process.env["AZURE_CLIENT_SECRET"];
      Object.assign(process.env, saved);
    }
    expect(live.err.join("\n")).toMatch(/AZURE_TENANT_ID and AZURE_CLIENT_ID/);
  }, 60_000);

  it("--kind odatav4 defaults to the ODataV4 path and name; refuses to overwrite without --force; rejects a bad kind or path", async () => {
    expect(await runCli(["init", "--kind", "odatav4"], io().value)).toBe(0);
    const text = readFileSync(join(dir, "bcts.config.ts"), "utf8");
    expect(text).toContain('kind: "odatav4"');
    expect(text).toContain('path: "ODataV4"');
    expect(text).toContain('name: "odatav4"');
    const again = io();
    expect(await runCli(["init"], again.value)).toBe(2);
    expect(again.err.join("\n")).toMatch(/or --force/);
    expect(await runCli(["init", "--force", "--config", "other.config.ts", "--name", "std"], io().value)).toBe(0);
    expect(readFileSync(join(dir, "other.config.ts"), "utf8")).toContain('name: "std"');
    expect(await runCli(["init", "--force"], io().value)).toBe(0);
    expect(readFileSync(join(dir, "bcts.config.ts"), "utf8")).toContain('path: "api/v2.0"');
    const kind = io();
    expect(await runCli(["init", "--force", "--kind", "soap"], kind.value)).toBe(2);
    expect(kind.err.join("\n")).toMatch(/--kind: expected "api" or "odatav4", found "soap"/);
    const path = io();
    expect(await runCli(["init", "--force", "--path", "api/contoso/v1.0"], path.value)).toBe(2);
    expect(path.err.join("\n")).toMatch(/--path: expected api\/v2\.0 or api\/\{publisher\}\/\{group\}\/\{version\}/);
  });
});

describe("bcts generate --config outside the project", () => {
  it("resolves `@bcts/codegen` in a config whose folder has no node_modules, from another working directory", async () => {
    const shared = join(dir, "shared");
    mkdirSync(shared);
    writeFileSync(join(shared, "doc.xml"), one);
    writeFileSync(join(shared, "bcts.config.ts"), `import { defineConfig } from "@bcts/codegen";
export default defineConfig({ routes: [{ name: "x", kind: "api", path: "api/v2.0", source: { kind: "file", path: "doc.xml" }, outDir: "out" }] });
`);
    const elsewhere = join(dir, "elsewhere");
    mkdirSync(elsewhere);
    const r = io();
    expect(await runCli(["generate", "--config", join(shared, "bcts.config.ts")], { ...r.value, cwd: elsewhere }), r.text()).toBe(0);
    expect(readdirSync(join(shared, "out"))).toContain("customer.ts");
    expect(readdirSync(shared).filter((f) => f.endsWith(".mjs"))).toEqual([]);
  });
});

describe("bcts generate --watch", () => {
  it("regenerates when the pinned snapshot or the config changes, until aborted", async () => {
    mkdirSync(join(dir, "metadata"));
    writeFileSync(join(dir, "metadata", "api.xml"), one);
    const config = (outDir: string) => `export default { routes: [{ name: "api", kind: "api", path: "api/v2.0", source: { kind: "file", path: "metadata/api.xml" }, outDir: "${outDir}" }] };\n`;
    writeFileSync(join(dir, "bcts.config.ts"), config("out"));
    const controller = new AbortController();
    const r = io({}, controller.signal);
    const exit = runCli(["generate", "--watch"], r.value);
    try {
      await until(() => r.out.some((l) => l.startsWith("watching 2 files")), "the first run");
      expect(r.out.filter((l) => l.includes("wrote"))).toHaveLength(1);
      expect(existsSync(join(dir, "out", "vendor.ts"))).toBe(false);

      writeFileSync(join(dir, "metadata", "api.xml"), two);
      await until(() => r.out.filter((l) => l.includes("wrote")).length === 2, "a run after the snapshot changed");
      expect(r.out).toContain(`changed: ${join(dir, "metadata", "api.xml")}`);
      expect(existsSync(join(dir, "out", "vendor.ts"))).toBe(true);

      writeFileSync(join(dir, "bcts.config.ts"), config("out2"));
      await until(() => r.out.filter((l) => l.includes("wrote")).length === 3, "a run after the config changed");
      expect(existsSync(join(dir, "out2", "vendor.ts"))).toBe(true);

      // A broken document is reported and the watch goes on.
      writeFileSync(join(dir, "metadata", "api.xml"), "<not-edmx");
      await until(() => r.err.length > 0, "the error of a bad document");
      expect(r.err.join("\n")).toMatch(/CsdlParseError/);
    } finally {
      controller.abort();
    }
    expect(await exit).toBe(0);
  }, 30_000);

  it("--watch with --check is a usage error", async () => {
    writeFileSync(join(dir, "bcts.config.ts"), "export default { routes: [] };\n");
    const r = io();
    expect(await runCli(["generate", "--watch", "--check"], r.value)).toBe(2);
    expect(r.err.join("\n")).toMatch(/--watch: expected --watch without --check/);
  });
});

describe("the bcts bin", () => {
  it("ends `generate --watch` on SIGINT with the first run's exit code", async () => {
    const { spawn } = await import("node:child_process");
    writeFileSync(join(dir, "doc.xml"), one);
    const bin = new URL("../src/cli.ts", import.meta.url).pathname;
    const tsx = new URL("../../../node_modules/tsx/dist/loader.mjs", import.meta.url).href;
    const child = spawn(process.execPath, ["--conditions=@bcts/source", "--import", tsx, bin, "generate", "--watch", "--input", "doc.xml", "--out", "out"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    await until(() => out.includes("watching 1 files") || child.exitCode !== null, "the watch to start");
    expect(out).toMatch(/api-v2\.0: wrote \d+ files/);
    child.kill("SIGINT");
    expect(await exited, out).toBe(0);
  }, 30_000);
});
