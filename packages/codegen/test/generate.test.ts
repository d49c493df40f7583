import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, type CliIo } from "../src/cli/run-cli.js";
import { CsdlParseError } from "../src/csdl/csdl-parse-error.js";
import { generate } from "../src/generate.js";
import { edmx } from "./edmx.js";

const dir = join(import.meta.dirname ?? __dirname, ".tmp", "generate");
const good = edmx(`<EntityType Name="customer"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid" Nullable="false"/></EntityType>
  <EntityContainer Name="NAV"><EntitySet Name="customers" EntityType="Microsoft.NAV.customer"/></EntityContainer>`);
const route = (input: string) => ({ name: "api-v2.0", kind: "api" as const, path: "api/v2.0", source: { kind: "file" as const, path: input }, outDir: "out/api-v2.0" });
const files = (path: string) => readdirSync(path).sort();

beforeEach(() => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "good.xml"), good);
  writeFileSync(join(dir, "truncated.xml"), good.slice(0, 200));
});

describe("generate()", () => {
  // The worker, not left to the load average (printWorkerWanted); the test that turns it off comes last.
  beforeEach(() => {
    process.env["BCTS_PRINT_WORKER"] = "on";
  });
  afterEach(() => {
    delete process.env["BCTS_PRINT_WORKER"];
  });

  it("writes the route folder and replaces it as a whole (stale files disappear)", async () => {
    mkdirSync(join(dir, "out/api-v2.0"), { recursive: true });
    writeFileSync(join(dir, "out/api-v2.0/stale.ts"), "old");
    const [result] = await generate({ routes: [route("good.xml")], cwd: dir });
    expect(files(join(dir, "out/api-v2.0"))).toEqual(["complex-types.ts", "customer.ts", "enums.ts", "index.ts", "openapi.json", "paths.ts", "registry.ts"]);
    expect(result).toMatchObject({ name: "api-v2.0", fileCount: 7, stale: [] });
    expect(readdirSync(join(dir, "out"))).toEqual(["api-v2.0"]);
  });

  it("leaves the previous output untouched when the document is bad", async () => {
    await generate({ routes: [route("good.xml")], cwd: dir });
    const before = readFileSync(join(dir, "out/api-v2.0/customer.ts"), "utf8");
    await expect(generate({ routes: [route("truncated.xml")], cwd: dir })).rejects.toBeInstanceOf(CsdlParseError);
    expect(readFileSync(join(dir, "out/api-v2.0/customer.ts"), "utf8")).toBe(before);
    expect(readdirSync(join(dir, "out"))).toEqual(["api-v2.0"]);
  });

  it("check mode reports stale files and writes nothing", async () => {
    const [missing] = await generate({ routes: [route("good.xml")], cwd: dir, check: true });
    expect(missing?.stale).toContain("customer.ts (missing)");
    expect(existsSync(join(dir, "out"))).toBe(false);
    await generate({ routes: [route("good.xml")], cwd: dir });
    writeFileSync(join(dir, "out/api-v2.0/customer.ts"), "// edited\n");
    writeFileSync(join(dir, "out/api-v2.0/extra.ts"), "");
    const [stale] = await generate({ routes: [route("good.xml")], cwd: dir, check: true });
    expect(stale?.stale).toEqual(["customer.ts (changed)", "extra.ts (no longer generated)"]);
  });

  it("pins a fetched document as a snapshot; offline generation from it gives identical output", async () => {
    const fake: typeof fetch = async () => new Response(good, { headers: { "content-type": "application/xml" } });
    const credential = { getToken: async () => ({ token: "t", tokenType: "Bearer" as const, expiresOnTimestamp: Date.now() + 60_000 }) };
    const live = { ...route("unused"), source: { kind: "url" as const, url: "https://bc.example/api/v2.0", credential, fetch: fake } };
    const [result] = await generate({ routes: [live], cwd: dir });
    expect(result?.snapshot).toBe(join(dir, "metadata/api-v2.0.xml"));
    expect(readFileSync(join(dir, "metadata/api-v2.0.xml"), "utf8")).toBe(good);
    const [offline] = await generate({ routes: [live], cwd: dir, offline: true, check: true });
    expect(offline?.stale).toEqual([]);
  });

  it("reports per-stage timings; the ts-morph load only on the first route of a call", async () => {
    const results = await generate({ routes: [route("good.xml"), { ...route("good.xml"), name: "again", outDir: "out/again" }], cwd: dir });
    const stages = ["tsMorphLoadMs", "readMs", "parseMs", "modelMs", "emitMs", "printMs", "writeMs", "codeCacheSaveMs"] as const;
    for (const r of results) for (const stage of stages) expect(r.timings[stage]).toBeGreaterThanOrEqual(0);
    // the print worker loads ts-morph for each call, and the call reports it once
    expect(results[0]?.timings).toMatchObject({ printThread: "worker", codeCache: expect.any(String) });
    expect(results[0]?.timings.tsMorphLoadMs).toBeGreaterThan(0);
    expect(results[1]?.timings).toMatchObject({ printThread: "worker", tsMorphLoadMs: 0, codeCache: undefined, codeCacheSaveMs: 0 });
  });

  it("a bad document in a later route rejects with its CsdlParseError (the worker printing the first is stopped) and leaves no output", async () => {
    await expect(generate({ routes: [route("good.xml"), { ...route("truncated.xml"), name: "bad", outDir: "out/bad" }], cwd: dir })).rejects.toBeInstanceOf(CsdlParseError);
    expect(existsSync(join(dir, "out")) ? readdirSync(join(dir, "out")) : []).toEqual([]);
  });

  it("with BCTS_PRINT_WORKER=off prints on the main thread, which loads ts-morph once per process; same bytes", async () => {
    const [onWorker] = await generate({ routes: [{ ...route("good.xml"), outDir: "out/worker" }], cwd: dir });
    expect(onWorker?.timings.printThread).toBe("worker");
    process.env["BCTS_PRINT_WORKER"] = "off";
    await generate({ routes: [{ ...route("good.xml"), outDir: "out/main" }], cwd: dir });
    const [later] = await generate({ routes: [{ ...route("good.xml"), outDir: "out/main" }], cwd: dir });
    expect(later?.timings).toMatchObject({ printThread: "main", tsMorphLoadMs: 0, codeCache: undefined, codeCacheSaveMs: 0 });
    expect(files(join(dir, "out/worker"))).toEqual(files(join(dir, "out/main")));
    for (const name of files(join(dir, "out/main"))) expect(readFileSync(join(dir, "out/worker", name), "utf8")).toBe(readFileSync(join(dir, "out/main", name), "utf8"));
  });
});

describe("bcts CLI", () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    const value: CliIo = { cwd: dir, env: {}, out: (l) => out.push(l), err: (l) => err.push(l) };
    return { value, out, err };
  };

  it("generates from a bcts.config.ts and --check exits 1 once output is stale", async () => {
    writeFileSync(join(dir, "bcts.config.ts"), `const config: { routes: unknown[] } = { routes: [${JSON.stringify(route("good.xml"))}] };\nexport default config;\n`);
    const first = io();
    expect(await runCli(["generate"], first.value)).toBe(0);
    expect(first.out.join("\n")).toMatch(/api-v2.0: wrote 7 files/);
    expect(await runCli(["generate", "--check"], io().value)).toBe(0);
    writeFileSync(join(dir, "out/api-v2.0/index.ts"), "");
    const check = io();
    expect(await runCli(["generate", "--check", "--config", "bcts.config.ts"], check.value)).toBe(1);
    expect(check.err.join("\n")).toMatch(/stale \(1 files\):\n  index.ts \(changed\)/);
    expect(readdirSync(dir).filter((f) => f.endsWith(".mjs"))).toEqual([]);
  });

  it("generates from flags and reports bad input with exit code 2 and a located message", async () => {
    const ok = io();
    expect(await runCli(["generate", "--input", "good.xml", "--out", "flags-out", "--timings"], ok.value)).toBe(0);
    expect(files(join(dir, "flags-out"))).toContain("customer.ts");
    expect(ok.out.join("\n")).toMatch(/\n  timings: read \d+ ms, parse \d+ ms, model \d+ ms, emit \d+ ms, print \d+ ms, write \d+ ms/);
    const bad = io();
    expect(await runCli(["generate", "--input", "truncated.xml", "--out", "flags-out"], bad.value)).toBe(2);
    expect(bad.err.join("\n")).toMatch(/^CsdlParseError: truncated.xml at line \d+, column \d+: expected well-formed XML/);
  });

  it("maps values from flags: --dates Date and --decimal string reach the emitted types and codec", async () => {
    const withDates = edmx(`<EntityType Name="customer"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid" Nullable="false"/><Property Name="since" Type="Edm.Date"/><Property Name="limit" Type="Edm.Decimal"/></EntityType>
      <EntityContainer Name="NAV"><EntitySet Name="customers" EntityType="Microsoft.NAV.customer"/></EntityContainer>`);
    writeFileSync(join(dir, "dates.xml"), withDates);
    expect(await runCli(["generate", "--input", "dates.xml", "--out", "dates-out", "--dates", "Date", "--decimal", "string"], io().value)).toBe(0);
    expect(readFileSync(join(dir, "dates-out", "customer.ts"), "utf8")).toMatch(/readonly since: Date \| null;\n[^]*readonly limit: `\$\{number\}` \| null;/);
    expect(readFileSync(join(dir, "dates-out", "registry.ts"), "utf8")).toMatch(/"Microsoft\.NAV\.customer": \{\n\s+limit: "Edm\.Decimal",\n\s+since: "Edm\.Date",/);
    const bad = io();
    expect(await runCli(["generate", "--input", "dates.xml", "--out", "dates-out", "--dates", "date"], bad.value)).toBe(2);
    expect(bad.err.join("\n")).toMatch(/ConfigError: routes\[0\]\.dates: expected "string" or "Date", found "date"/);
  });

  it("explains a wrong config value with key, expectation and example", async () => {
    writeFileSync(join(dir, "bcts.config.ts"), `export default { routes: [{ ...${JSON.stringify(route("good.xml"))}, kind: "API" }] };\n`);
    const run = io();
    expect(await runCli(["generate"], run.value)).toBe(2);
    expect(run.err.join("\n")).toMatch(/ConfigError: routes\[0\]\.kind: expected "api" or "odatav4", found "API".\n  Example: kind: "api"/);
  });
});
