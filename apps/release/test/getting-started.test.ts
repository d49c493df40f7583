import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv } from "../src/clean-env.js";
import { gettingStartedScript, readGettingStartedSteps, type GettingStartedStep } from "../src/getting-started-steps.js";
import { runCommand, type CommandResult } from "../src/run-command.js";
import { makeTempDir, type TempDir } from "../src/temp-dir.js";

const repoRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const page = join(repoRoot, "docs", "getting-started.md");

/** Environment of a reader with no tenant configured: no AZURE_* or BC_* variables, plain node. */
function readerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = cleanEnv(process.env, { BCTS_DIR: repoRoot, ...extra });
  for (const key of Object.keys(env)) if (/^(AZURE_|BC_)/.test(key) && !(key in extra)) delete env[key];
  return env;
}

/** Output of the step whose block starts at `line` (between its `::step` marker and the next). */
function stepOutput(stdout: string, line: number): string {
  const start = stdout.indexOf(`::step ${line}\n`);
  if (start < 0) return "";
  const end = stdout.indexOf("::step ", start + 1);
  return stdout.slice(start, end < 0 ? undefined : end);
}

/**
 * docs/getting-started.md, literally: its shell blocks are run and its file blocks written in order
 * in a fresh temporary folder (packages packed in this checkout by `npm run pack:all`, installed with
 * npm from the tarballs; third-party dependencies from the npm registry), then the ES module program
 * it ends with has type-checked and run against the emulator, and its CommonJS function runs too.
 */
describe("docs/getting-started.md followed command by command in a fresh npm project", () => {
  let steps: GettingStartedStep[];
  let work: TempDir;
  let project: string;
  let result: CommandResult;

  beforeAll(async () => {
    steps = readGettingStartedSteps(page);
    work = await makeTempDir("getting-started");
    const script = join(work.path, "getting-started.sh");
    await writeFile(script, gettingStartedScript(steps));
    result = await runCommand("bash", [script], { cwd: work.path, env: readerEnv(), timeoutMs: 420_000 });
    project = join(work.path, "my-bc-app");
  }, 450_000);

  afterAll(async () => {
    await work?.remove();
    // Seconds per shell step (by the line its block starts on), e.g. "l17 32.1s" for `npm run pack:all`.
    const marks = [...(result?.stderr ?? "").matchAll(/^::step (\d+) at (\d+)$/gm)].map((m) => ({ line: m[1]!, at: Number(m[2]) }));
    const timings = marks.map((m, i) => `l${m.line} ${(((marks[i + 1]?.at ?? m.at) - m.at) / 1000).toFixed(1)}s`);
    console.log(`getting-started: ${timings.slice(0, -1).join(", ")}`);
  });

  it("has every fenced block steered, runs the commands of steps 1-3 and skips only the live-tenant one", () => {
    expect(steps.filter((s) => s.kind === "not-run").map((s) => s.reason)).toEqual(["needs a real tenant", "needs a real tenant"]);
    expect(steps.filter((s) => s.kind === "run").length).toBeGreaterThanOrEqual(4);
    expect(steps.filter((s) => s.kind === "file").map((s) => (s.kind === "file" ? s.path : ""))).toEqual(["tsconfig.json", "src/main.ts", "functions/customers.js"]);
  });

  it("runs every command of the page with exit code 0", () => {
    expect(result.code, `${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`).toBe(0);
  });

  it("gets a working `bcts` command from the tarballs: --version and a commented config from `bcts init`", async () => {
    const run = steps.find((s) => s.kind === "run" && s.commands.includes("npx bcts init"))!;
    const output = stepOutput(result.stdout, run.line);
    expect(output).toMatch(/^::step \d+\n\d+\.\d+\.\d+\n/);
    expect(output).toMatch(/wrote .*my-bc-app\/bcts\.config\.ts \(route contoso-app1-v1\.0: api api\/contoso\/app1\/v1\.0\)/);
    expect(await readFile(join(project, "bcts.config.ts"), "utf8")).toContain("lazyCredential(() => createTokenProviderFromEnvironment())");
  });

  it("installs the @bcts packages from the packed tarballs, not from a registry", async () => {
    const lock = JSON.parse(await readFile(join(project, "package-lock.json"), "utf8")) as { packages: Record<string, { resolved?: string }> };
    for (const name of ["@bcts/auth", "@bcts/odata", "@bcts/client", "@bcts/emulator", "@bcts/codegen"]) {
      expect(lock.packages[`node_modules/${name}`]?.resolved, name).toMatch(/^file:.*dist\/packages\/bcts-[a-z]+-\d+\.\d+\.\d+.*\.tgz$/);
    }
  });

  it("type-checks the program and prints the emulator's company and its customers with a balance, sorted by name", () => {
    const run = steps.find((s) => s.kind === "run" && s.commands.includes("node dist/main.js"))!;
    const output = stepOutput(result.stdout, run.line);
    expect(output).toContain("company CRONUS USA, Inc.");
    const customers = output.split("\n").filter((l) => l.startsWith("  "));
    expect(customers).toEqual(["  10000 Adatum Corporation owes 1499.03", "  50000 Relecloud owes 222241.32", "  30000 School of Fine Art owes 4316.92"]);
  });

  it("CommonJS: the Azure Functions-style handler require()s the packages and lists customers from the emulator", async () => {
    const functions = join(project, "functions");
    // A host that starts the emulator (required from CommonJS as well) and invokes the handler in a
    // child process, since NODE_EXTRA_CA_CERTS (the fake Entra's CA) is read at process start only.
    await writeFile(join(functions, "host.js"), `
const { execFile } = require("node:child_process");
const { startEmulator, cronusCompanyId } = require("@bcts/emulator");
(async () => {
  const emu = await startEmulator();
  try {
    const env = { ...process.env, AZURE_TENANT_ID: emu.tenantId, AZURE_CLIENT_ID: emu.clientId, AZURE_CLIENT_SECRET: emu.clientSecret,
      AZURE_AUTHORITY_HOST: emu.authorityHost, NODE_EXTRA_CA_CERTS: emu.caFile, BC_ENVIRONMENT: emu.environment, BC_BASE_URL: emu.bcBaseUrl };
    // Asynchronously: the emulator runs in this process and must keep answering.
    await new Promise((resolve) => execFile(process.execPath, [require.resolve("./invoke.js"), cronusCompanyId], { env }, (error, stdout, stderr) => {
      process.stdout.write(stdout); process.stderr.write(stderr); process.exitCode = error ? 1 : 0; resolve();
    }));
  } finally { await emu.close(); }
})();
`);
    await writeFile(join(functions, "invoke.js"), `
const handler = require("./customers.js");
const context = { log: () => {}, res: undefined };
handler(context, { method: "GET", query: { companyId: process.argv[2] }, headers: {} })
  .then(() => console.log(JSON.stringify({ moduleType: typeof module, res: context.res })));
`);
    const r = await runCommand(process.execPath, [join(functions, "host.js")], { cwd: functions, env: readerEnv(), timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { moduleType: string; res: { status: number; body: { number: string; displayName: string }[] } };
    expect(out.moduleType).toBe("object"); // really CommonJS: `module` exists
    expect(out.res.status).toBe(200);
    expect(out.res.body.map((c) => c.number)).toEqual(["10000", "20000", "30000", "40000", "50000"]);
    expect(Object.keys(out.res.body[0]!).filter((k) => !k.startsWith("@odata")).sort()).toEqual(["displayName", "number"]);
  }, 90_000);

  it("CommonJS TypeScript: `import … from \"@bcts/auth\"` in a CommonJS package type-checks and compiles to require() (NodeNext, strict)", async () => {
    const functions = join(project, "functions");
    await mkdir(join(functions, "ts"), { recursive: true });
    await writeFile(join(functions, "ts", "check.ts"), `
import { ClientSecretProvider } from "@bcts/auth";
import { createBusinessCentralClient } from "@bcts/client";
export function customersUrl(tenantId: string, clientId: string, clientSecret: string, companyId: string): string {
  const bc = createBusinessCentralClient({ tenantId, environment: "production", credential: new ClientSecretProvider({ tenantId, clientId, clientSecret }) });
  return bc.company(companyId).customers.query({ select: ["number"] }).toUrl();
}
`);
    await writeFile(join(functions, "ts", "tsconfig.json"), JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", strict: true, skipLibCheck: true, types: ["node"], outDir: "../dist" }, include: ["*.ts"] }));
    const tsc = join(project, "node_modules", "typescript", "bin", "tsc");
    const r = await runCommand(process.execPath, [tsc, "-p", join(functions, "ts", "tsconfig.json")], { cwd: functions, env: readerEnv(), timeoutMs: 120_000 });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const emitted = await readFile(join(functions, "dist", "check.js"), "utf8");
    expect(emitted).toContain('require("@bcts/auth")'); // compiled as CommonJS
    const url = await runCommand(process.execPath, ["-e", `console.log(require("./dist/check.js").customersUrl("contoso.onmicrosoft.com", "c", "s", "00000000-0000-0000-0000-000000000001"))`], { cwd: functions, env: readerEnv() });
    expect(url.stdout.trim()).toBe("https://api.businesscentral.dynamics.com/v2.0/contoso.onmicrosoft.com/production/api/v2.0/companies(00000000-0000-0000-0000-000000000001)/customers?$select=number");
  }, 120_000);
});
