import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cronusCompanyId } from "../src/bc/seed/cronus-seed.js";
import { seedGuid } from "../src/bc/seed/seed-guid.js";
import { fetchClientCredentialsToken } from "./support/https-token.js";

const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
// The CLI runs in a folder outside the repository (relative --route/--seed paths), so tsx is given by path.
const tsxLoader = new URL("../../../node_modules/tsx/dist/loader.mjs", import.meta.url).href;
const odataV4 = fileURLToPath(new URL("../../../fixtures/bc-metadata/odatav4.poloio-bc-odatav4-test.connected-service-csdl.xml", import.meta.url));
// A custom API page document (carBrand → carModels, contained, joined by brandId); written for this test.
const carsApi = `<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices><Schema Namespace="Microsoft.NAV" xmlns="http://docs.oasis-open.org/odata/ns/edm">
<EntityType Name="company"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid" Nullable="false"/><Property Name="name" Type="Edm.String"/><NavigationProperty Name="carBrands" Type="Collection(Microsoft.NAV.carBrand)" ContainsTarget="true"/><NavigationProperty Name="carModels" Type="Collection(Microsoft.NAV.carModel)" ContainsTarget="true"/></EntityType>
<EntityType Name="carBrand"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid" Nullable="false"/><Property Name="name" Type="Edm.String" MaxLength="50"/><Property Name="founded" Type="Edm.Date"/><NavigationProperty Name="carModels" Type="Collection(Microsoft.NAV.carModel)" ContainsTarget="true"><ReferentialConstraint Property="id" ReferencedProperty="brandId"/></NavigationProperty></EntityType>
<EntityType Name="carModel"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid" Nullable="false"/><Property Name="brandId" Type="Edm.Guid"/><Property Name="name" Type="Edm.String" MaxLength="8"/><Property Name="doors" Type="Edm.Int32"/><Property Name="price" Type="Edm.Decimal"/></EntityType>
<EntityContainer Name="NAV"><EntitySet Name="companies" EntityType="Microsoft.NAV.company"/><EntitySet Name="carBrands" EntityType="Microsoft.NAV.carBrand"/><EntitySet Name="carModels" EntityType="Microsoft.NAV.carModel"/></EntityContainer></Schema></edmx:DataServices></edmx:Edmx>`;

type Row = Record<string, unknown>;

/** Runs the emulator CLI; resolves with its banner once it serves, or with its exit code and output. */
function startCli(args: readonly string[], cwd: string) {
  const child = spawn(process.execPath, ["--conditions=@bcts/source", "--import", tsxLoader, cli, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stderr.on("data", (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  const ready = new Promise<{ banner: string } | { code: number | null; err: string }>((resolve) => {
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      if (out.includes("Press Ctrl-C")) resolve({ banner: out });
    });
    void exited.then((code) => resolve({ code, err: err + out }));
  });
  return { child, ready, exited };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "bcts-emulator-cli-"));
  writeFileSync(join(dir, "cars.xml"), carsApi);
  writeFileSync(join(dir, "seed.json"), JSON.stringify({
    "api/contoso/cars/v1.0": { carBrands: [{ name: "Contoso Motors", founded: "1921-05-01" }] },
    ODataV4: { Employees: [{ No: "E-100", Name: "Ada" }] },
  }));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("bcts-emulator --route / --seed / --rows", () => {
  it("serves an ODataV4 document and a custom API document next to API v2.0, with seeded and generated rows", async () => {
    const run = startCli(["--route", "api/contoso/cars/v1.0=cars.xml", "--route", `ODataV4=${odataV4}`, "--seed", "seed.json", "--rows", "2"], dir);
    const started = await run.ready;
    if (!("banner" in started)) throw new Error(`exited ${started.code}: ${started.err}`);
    try {
      const { banner } = started;
      expect(banner).toMatch(/Route api\/contoso\/cars\/v1\.0 *: http:\/\/127\.0\.0\.1:\d+\/v2\.0\/[0-9a-f-]{36}\/production\/api\/contoso\/cars\/v1\.0/);
      expect(banner).toContain("api/contoso/cars/v1.0: carBrands 1, carModels 2");
      expect(banner).toMatch(/ODataV4: [^\n]*Employees 1/);
      const field = (label: string) => new RegExp(`${label} *: (\\S+)`).exec(banner)![1]!;
      const token = await fetchClientCredentialsToken({
        authorityHost: field("Entra authority host"), tenantId: field("Tenant id"), clientId: field("Client id"), clientSecret: field("Client secret \\(DEMO ONLY\\)"),
        caPem: (await import("node:fs")).readFileSync(field("Test CA file"), "utf8"),
      });
      expect(token.status).toBe(200);
      const base = `${field("Business Central base URL")}/v2.0/${field("Tenant id")}/production`;
      const get = async (path: string) => {
        const res = await fetch(`${base}/${path}`, { headers: { authorization: `Bearer ${String(token.body["access_token"])}` } });
        expect(res.status, `${path}: ${res.status}`).toBe(200);
        return path.endsWith("$metadata") ? await res.text() : ((await res.json()) as { value: Row[] }).value;
      };

      expect(await get("api/contoso/cars/v1.0/$metadata")).toBe(carsApi);
      const brands = (await get(`api/contoso/cars/v1.0/companies(${cronusCompanyId})/carBrands`)) as Row[];
      // Only the seed file's row: a set the seed names gets no generated rows; a left-out GUID key gets a stable one.
      expect(brands.map((b) => [b["name"], b["founded"], b["id"]])).toEqual([["Contoso Motors", "1921-05-01", seedGuid("carBrands:seed:1")]]);
      const models = (await get(`api/contoso/cars/v1.0/companies(${cronusCompanyId})/carModels`)) as Row[];
      expect(models.map((m) => ({ name: m["name"], doors: m["doors"], price: m["price"] }))).toEqual([
        { name: "name 1", doors: 1, price: 10.5 },
        { name: "name 2", doors: 2, price: 20.5 },
      ]);
      // Generated children point at the generated parent row with the same number (ReferentialConstraint).
      expect(models[0]!["brandId"]).toBe(seedGuid("carBrands:1:id"));
      const filtered = (await get(`api/contoso/cars/v1.0/companies(${cronusCompanyId})/carModels?$filter=doors gt 1`)) as Row[];
      expect(filtered.map((m) => m["name"])).toEqual(["name 2"]);

      const company = "Company('CRONUS%20USA%2C%20Inc.')";
      const employees = (await get(`ODataV4/${company}/Employees`)) as Row[];
      expect(employees.map((e) => [e["No"], e["Name"]])).toEqual([["E-100", "Ada"]]);
      const orders = (await get(`ODataV4/${company}/SalesOrder`)) as Row[];
      expect(orders.map((o) => o["No"])).toEqual(["No 1", "No 2"]);
      // The built-in routes stay, with the CRONUS data and nothing generated.
      const customers = (await get(`api/v2.0/companies(${cronusCompanyId})/customers?$select=number`)) as Row[];
      expect(customers.map((c) => c["number"])).toEqual(["10000", "20000", "30000", "40000", "50000"]);
    } finally {
      run.child.kill("SIGINT");
      expect(await run.exited).toBe(0);
    }
  }, 60_000);

  it("exits 2 with a message and the usage for a bad --route, an unknown set in --seed, or --rows -1", async () => {
    writeFileSync(join(dir, "bad-seed.json"), JSON.stringify({ "api/contoso/cars/v1.0": { trucks: [{}] } }));
    const cases: [string[], RegExp][] = [
      [["--route", "api/contoso/cars/v1.0"], /--route must be PATH=FILE/],
      [["--route", "api/contoso/cars/v1.0=cars.xml", "--seed", "bad-seed.json"], /route api\/contoso\/cars\/v1\.0 has no entity set "trucks"; its sets: companies, carBrands, carModels/],
      [["--rows=-1"], /--rows must be a whole number/],
    ];
    for (const [args, message] of cases) {
      const started = await startCli(args, dir).ready;
      expect("code" in started && started.code, args.join(" ")).toBe(2);
      if ("err" in started) expect(started.err).toMatch(message);
    }
  }, 60_000);
});
