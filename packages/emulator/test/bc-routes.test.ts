import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultRoutes, packagedMetadataFile } from "../src/bc/bc-server-options.js";
import { cronusCompanyId } from "../src/bc/seed/cronus-seed.js";
import { startTestBc, type TestBc } from "./support/start-test-bc.js";
import { testTenantId, testToken } from "./support/test-tokens.js";

type Entity = Record<string, unknown>;
type Collection = { "@odata.context": string; value: Entity[] };

const odataV4Fixture = new URL("../../../fixtures/bc-metadata/odatav4.poloio-bc-odatav4-test.connected-service-csdl.xml", import.meta.url).pathname;
// A minimal custom API page document in the shape D-CUSTOM describes (carBrand → carModels); written for this test.
const customApi = `<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices><Schema Namespace="Microsoft.NAV" xmlns="http://docs.oasis-open.org/odata/ns/edm">
<EntityType Name="company"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid" Nullable="false"/><Property Name="name" Type="Edm.String"/><NavigationProperty Name="carBrands" Type="Collection(Microsoft.NAV.carBrand)" ContainsTarget="true"/></EntityType>
<EntityType Name="carBrand"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid" Nullable="false"/><Property Name="name" Type="Edm.String" MaxLength="50"/><NavigationProperty Name="carModels" Type="Collection(Microsoft.NAV.carModel)" ContainsTarget="true"><ReferentialConstraint Property="id" ReferencedProperty="brandId"/></NavigationProperty></EntityType>
<EntityType Name="carModel"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid" Nullable="false"/><Property Name="brandId" Type="Edm.Guid"/><Property Name="name" Type="Edm.String"/></EntityType>
<EntityContainer Name="NAV"><EntitySet Name="companies" EntityType="Microsoft.NAV.company"/><EntitySet Name="carBrands" EntityType="Microsoft.NAV.carBrand"/><EntitySet Name="carModels" EntityType="Microsoft.NAV.carModel"/></EntityContainer></Schema></edmx:DataServices></edmx:Edmx>`;

let t: TestBc;
let base: string;
beforeAll(async () => {
  t = await startTestBc({
    routes: [...defaultRoutes(), { path: "ODataV4", metadataFile: odataV4Fixture }, { path: "api/contoso/cars/v1.0", metadata: customApi }],
  });
  base = `${t.bc.url}/v2.0/${testTenantId}/production`;
});
afterAll(async () => {
  await t.bc.close();
});
const post = (body: unknown): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("§2.1 automation route /api/microsoft/automation/v2.0 (metadata assembled from documented fragments)", () => {
  const root = (): string => `${base}/api/microsoft/automation/v2.0`;
  it("$metadata is served byte-for-byte from metadata/automation-v2.0.xml", async () => {
    const res = await t.fetch(`${root()}/$metadata`);
    expect(await res.text()).toBe(readFileSync(packagedMetadataFile("automation-v2.0.xml"), "utf8"));
  });
  it("lists companies and company-scoped users, permission sets and extensions", async () => {
    const companies = await t.json<Collection>(`${root()}/companies`);
    expect(companies.body.value.map((c) => c["id"])).toEqual([cronusCompanyId]);
    const users = await t.json<Collection>(`${root()}/companies(${cronusCompanyId})/users`);
    expect(users.body.value.map((u) => u["userName"])).toContain("admin@cronus-demo.onmicrosoft.com");
    const sets = await t.json<Collection>(`${root()}/companies(${cronusCompanyId})/permissionSets?$filter=startswith(id,'D365')`);
    expect(sets.body.value.map((p) => p["id"])).toEqual(["D365 AUTOMATION", "D365 BUS FULL ACCESS"]);
  });
  it("§5 composite keys: permissionSets(scope='System',appID=<guid>,id='D365 AUTOMATION')", async () => {
    const key = "scope='System',appID=437dbf0e-84ff-417a-965d-ed2bb9650972,id='D365 AUTOMATION'";
    const res = await t.json<Entity>(`${root()}/companies(${cronusCompanyId})/permissionSets(${encodeURIComponent(key)})`);
    expect(res.status).toBe(200);
    expect(res.body["displayName"]).toBe("Dynamics 365 Automation");
  });
  it("§5.4 extensions({id})/Microsoft.NAV.install flips isInstalled", async () => {
    const ext = `${root()}/companies(${cronusCompanyId})/extensions(3d5b2137-efeb-4014-8489-41d37f8fd4c3)`;
    expect((await t.fetch(`${ext}/Microsoft.NAV.install`, { method: "POST" })).status).toBe(204);
    expect((await t.json<Entity>(ext)).body["isInstalled"]).toBe(true);
    expect((await t.fetch(`${ext}/Microsoft.NAV.install`, { method: "POST" })).status).toBe(400);
  });
  it("§1.4 the automation route needs Automation.ReadWrite.All", async () => {
    const res = await t.json(`${root()}/companies`, { token: testToken({ roles: ["API.ReadWrite.All"] }) });
    expect(res.status).toBe(401);
  });
  it("read-only automation sets answer 405 to POST", async () => {
    expect((await t.json(`${root()}/companies(${cronusCompanyId})/permissionSets`, post({ id: "X", scope: "System" }))).status).toBe(405);
  });
});

describe("§2.2 ODataV4 route with Company('name') (real connected-service metadata)", () => {
  const root = (): string => `${base}/ODataV4`;
  const company = "Company('CRONUS%20USA%2C%20Inc.')";
  it("$metadata is the fixture byte-for-byte", async () => {
    expect(await (await t.fetch(`${root()}/$metadata`)).text()).toBe(readFileSync(odataV4Fixture, "utf8"));
  });
  it("Company lists the company by Name", async () => {
    const res = await t.json<Collection>(`${root()}/Company`);
    expect(res.body.value.map((c) => c["Name"])).toEqual(["CRONUS USA, Inc."]);
  });
  it("POST into a page with a composite string key, then GET it by that key, via Company('name'), ?company= and Company(Id=…)", async () => {
    const created = await t.json<Entity>(`${root()}/${company}/SalesOrder`, post({ Document_Type: "Order", No: "101005" }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.headers.get("location")).toBe(`${root()}/${company}/SalesOrder(Document_Type='Order',No='101005')`);
    const byKey = await t.json<Entity>(`${root()}/${company}/SalesOrder(Document_Type='Order',No='101005')`);
    expect(byKey.status).toBe(200);
    const viaQuery = await t.json<Collection>(`${root()}/SalesOrder?company=${encodeURIComponent("'CRONUS USA, Inc.'")}`);
    expect(viaQuery.body.value.map((o) => o["No"])).toEqual(["101005"]);
    const viaId = await t.json<Collection>(`${root()}/Company(Id=${cronusCompanyId})/SalesOrder`);
    expect(viaId.body.value.map((o) => o["No"])).toEqual(["101005"]);
  });
  it("company names are case-sensitive (§2.2): Company('cronus usa, inc.') → 404", async () => {
    expect((await t.json(`${root()}/Company('cronus%20usa%2C%20inc.')/SalesOrder`)).status).toBe(404);
  });
});

describe("§2.1 custom API route /api/{publisher}/{group}/{version}", () => {
  const root = (): string => `${base}/api/contoso/cars/v1.0`;
  it("serves its own $metadata and supports deep insert through its containment", async () => {
    expect(await (await t.fetch(`${root()}/$metadata`)).text()).toBe(customApi);
    const res = await t.json<Entity>(`${root()}/companies(${cronusCompanyId})/carBrands`, post({ name: "Contoso Motors", carModels: [{ name: "C1" }, { name: "C2" }] }));
    expect(res.status).toBe(201);
    const models = await t.json<Collection>(`${root()}/companies(${cronusCompanyId})/carBrands(${String(res.body["id"])})/carModels`);
    expect(models.body.value.map((m) => m["name"])).toEqual(["C1", "C2"]);
  });
  it("the standard route does not see the custom route's sets", async () => {
    expect((await t.json(`${base}/api/v2.0/companies(${cronusCompanyId})/carBrands`)).status).toBe(404);
  });
});
