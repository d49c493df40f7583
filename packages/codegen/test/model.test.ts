import { describe, expect, it } from "vitest";
import { DEFAULT_NAMING } from "../src/config/resolve-naming.js";
import { parseCsdl } from "../src/csdl/parse-csdl.js";
import { buildModel } from "../src/model/build-model.js";
import { MetadataModelError } from "../src/model/metadata-model-error.js";
import type { ModelOptions } from "../src/model/model-options.js";
import { edmx } from "./edmx.js";

const api: ModelOptions = { routeName: "api-v2.0", routeKind: "api", routePath: "api/v2.0", entitySets: "all", naming: DEFAULT_NAMING };
const model = (body: string, options: Partial<ModelOptions> = {}, namespace?: string) =>
  buildModel(parseCsdl(edmx(body, namespace ? { namespace } : {}), { source: "doc.xml", maxBytes: 1e6 }), { ...api, ...options }, "doc.xml");

const entity = (name: string, extra = "") => `<EntityType Name="${name}"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid" Nullable="false"/>${extra}</EntityType>`;
const restriction = (term: string, property: string, value: boolean) =>
  `<Annotation Term="Org.OData.Capabilities.V1.${term}"><Record><PropertyValue Property="${property}" Bool="${value}"/></Record></Annotation>`;

describe("buildModel", () => {
  it("reads set names from the container and scopes api sets by what company contains", () => {
    const m = model(`${entity("company", `<NavigationProperty Name="unitsOfMeasure" Type="Collection(Microsoft.NAV.unitOfMeasure)" ContainsTarget="true"/>`)}${entity("unitOfMeasure")}${entity("subscriptions")}
      <EntityContainer Name="NAV"><EntitySet Name="companies" EntityType="Microsoft.NAV.company"/><EntitySet Name="unitsOfMeasure" EntityType="Microsoft.NAV.unitOfMeasure"/><EntitySet Name="subscriptions" EntityType="Microsoft.NAV.subscriptions"/></EntityContainer>`);
    expect(m.entitySets.map((s) => [s.wireName, s.constName, s.scope])).toEqual([
      ["companies", "companiesSet", "root"],
      ["subscriptions", "subscriptionsSet", "root"],
      ["unitsOfMeasure", "unitsOfMeasureSet", "company"],
    ]);
  });

  it("scopes odatav4 sets: Company is root, everything else company", () => {
    const m = model(`${entity("Company")}${entity("Customers")}<EntityContainer Name="NAV"><EntitySet Name="Company" EntityType="NAV.Company"/><EntitySet Name="Customers" EntityType="NAV.Customers"/></EntityContainer>`, { routeKind: "odatav4" }, "NAV");
    expect(m.entitySets.map((s) => [s.wireName, s.scope])).toEqual([["Company", "root"], ["Customers", "company"]]);
  });

  it.each([
    ["no annotations", "", { insert: true, update: true, delete: true }],
    ["read-only", restriction("InsertRestrictions", "Insertable", false) + restriction("UpdateRestrictions", "Updatable", false) + restriction("DeleteRestrictions", "Deletable", false), { insert: false, update: false, delete: false }],
    ["update only", restriction("InsertRestrictions", "Insertable", false) + restriction("DeleteRestrictions", "Deletable", false), { insert: false, update: true, delete: false }],
  ])("capabilities from restrictions: %s", (_, annotations, capabilities) => {
    const m = model(`${entity("account")}<EntityContainer Name="NAV"><EntitySet Name="accounts" EntityType="Microsoft.NAV.account">${annotations}</EntitySet></EntityContainer>`);
    expect(m.entitySets[0]?.capabilities).toEqual(capabilities);
  });

  it("keeps raw wire names of enum members, decodes readable keys, de-duplicates, and keeps sparse values", () => {
    const m = model(`<EnumType Name="status"><Member Name="_x0020_" Value="0"/><Member Name="Expired" Value="10"/><Member Name="Expired_x0020_" Value="13"/><Member Name="0" Value="8000"/></EnumType>`);
    expect(m.enumTypes[0]?.members).toEqual([
      { wireName: "_x0020_", key: "Blank", value: 0 },
      { wireName: "Expired", key: "Expired", value: 10 },
      { wireName: "Expired_x0020_", key: "Expired_2", value: 13 },
      { wireName: "0", key: "_0", value: 8000 },
    ]);
  });

  it("leaves language-dependent option strings as strings and flags them", () => {
    const m = model(`${entity("jobQueueEntry", `<Property Name="status" Type="Edm.String"/>`)}<Annotations Target="Microsoft.NAV.jobQueueEntry/status"><Annotation Term="Org.OData.Core.V1.IsLanguageDependent" Bool="true"/></Annotations>`);
    const status = m.entityTypes[0]?.properties.find((p) => p.wireName === "status");
    expect(status).toMatchObject({ type: { kind: "primitive", name: "Edm.String" }, languageDependent: true });
  });

  it("attaches overloaded bound actions to each binding type", () => {
    const m = model(`${entity("salesInvoice")}${entity("journal")}
      <Action Name="post" IsBound="true"><Parameter Name="bindingParameter" Type="Microsoft.NAV.salesInvoice"/></Action>
      <Action Name="post" IsBound="true"><Parameter Name="bindingParameter" Type="Microsoft.NAV.journal"/></Action>
      <Action Name="cancel" IsBound="true"><Parameter Name="bindingParameter" Type="Microsoft.NAV.salesInvoice"/></Action>`);
    expect(m.entityTypes.map((t) => [t.wireName, t.actions.map((a) => a.wireName)])).toEqual([
      ["journal", ["Microsoft.NAV.post"]],
      ["salesInvoice", ["Microsoft.NAV.cancel", "Microsoft.NAV.post"]],
    ]);
  });

  it("derives writability from ODataV4 AllowEdit/AllowEditOnCreate and keeps streams out of bodies", () => {
    const m = model(`<EntityType Name="Item"><Key><PropertyRef Name="No"/></Key>
      <Property Name="No" Type="Edm.String" Nullable="false"><Annotation Term="NAV.AllowEditOnCreate" Bool="true"/></Property>
      <Property Name="Inventory" Type="Edm.Decimal"><Annotation Term="NAV.AllowEdit" Bool="false"/><Annotation Term="NAV.AllowEditOnCreate" Bool="false"/></Property>
      <Property Name="Picture" Type="Edm.Stream"/><Property Name="Description" Type="Edm.String"><Annotation Term="NAV.LabelId" String="Item Description"/></Property></EntityType>`, { routeKind: "odatav4" }, "NAV");
    expect(m.entityTypes[0]?.properties.map((p) => [p.wireName, p.writableOnCreate, p.writableOnUpdate, p.caption ?? null])).toEqual([
      ["No", true, false, null],
      ["Inventory", false, false, null],
      ["Picture", false, false, null],
      ["Description", true, true, "Item Description"],
    ]);
  });

  it("keeps entity types without a set and unbound actions exposed through ActionImports", () => {
    const m = model(`${entity("Media", `<Property Name="Content" Type="Edm.Stream"/>`)}${entity("Items", `<NavigationProperty Name="image" Type="NAV.Media" ContainsTarget="true"/>`)}
      <Action Name="Svc_Run"><Parameter Name="_UserID" Type="Edm.String"/><ReturnType Type="Edm.Boolean"/></Action>
      <EntityContainer Name="NAV"><EntitySet Name="Items" EntityType="NAV.Items"/><ActionImport Name="Svc_Run" Action="NAV.Svc_Run"/></EntityContainer>`, { routeKind: "odatav4" }, "NAV");
    expect(m.entityTypes.map((t) => t.wireName)).toEqual(["Items", "Media"]);
    expect(m.unboundOperations).toEqual([{ kind: "action", wireName: "Svc_Run", memberName: "Svc_Run", parameters: [{ wireName: "_UserID", type: { kind: "primitive", name: "Edm.String" }, collection: false, nullable: true }], returns: { type: { kind: "primitive", name: "Edm.Boolean" }, collection: false, nullable: true } }]);
  });

  it("prunes to the allow-listed sets plus their deep-insert lines and set-less types; other navigation stays by name", () => {
    const m = model(`${entity("salesOrder", `<NavigationProperty Name="currency" Type="Microsoft.NAV.currency" ContainsTarget="true"/>
        <NavigationProperty Name="salesOrderLines" Type="Collection(Microsoft.NAV.salesOrderLine)" ContainsTarget="true"/>
        <NavigationProperty Name="image" Type="Microsoft.NAV.media" ContainsTarget="true"/>`)}${entity("currency")}${entity("salesOrderLine")}${entity("media")}${entity("item")}
      <EntityContainer Name="NAV"><EntitySet Name="salesOrders" EntityType="Microsoft.NAV.salesOrder"/><EntitySet Name="salesOrderLines" EntityType="Microsoft.NAV.salesOrderLine"/>
        <EntitySet Name="currencies" EntityType="Microsoft.NAV.currency"/><EntitySet Name="items" EntityType="Microsoft.NAV.item"/></EntityContainer>`, { entitySets: ["salesOrders"] });
    expect(m.entityTypes.map((t) => t.wireName)).toEqual(["media", "salesOrder", "salesOrderLine"]);
    expect(m.entitySets.map((s) => s.wireName)).toEqual(["salesOrders"]);
    expect(m.entityTypes[1]?.navigation.map((n) => [n.wireName, n.targetType, n.deepInsert])).toEqual([
      ["currency", "Microsoft.NAV.currency", false],
      ["salesOrderLines", "Microsoft.NAV.salesOrderLine", true],
      ["image", "Microsoft.NAV.media", false],
    ]);
  });

  it.each([
    ["a dangling property type", entity("a", `<Property Name="x" Type="Microsoft.NAV.missing"/>`), /EntityType\[Microsoft\.NAV\.a\]\/Property\[x\]/, /"Microsoft\.NAV\.missing" is not declared/],
    ["a dangling navigation target", entity("a", `<NavigationProperty Name="b" Type="Microsoft.NAV.b"/>`), /NavigationProperty\[b\]/, /not declared/],
    ["a key naming no property", `<EntityType Name="a"><Key><PropertyRef Name="nope"/></Key></EntityType>`, /EntityType\[Microsoft\.NAV\.a\]\/Key/, /key "nope"/],
    ["a set of a missing type", `<EntityContainer Name="NAV"><EntitySet Name="xs" EntityType="Microsoft.NAV.x"/></EntityContainer>`, /EntitySet\[xs\]/, /not declared/],
    ["an unknown allow-listed set", `${entity("a")}<EntityContainer Name="NAV"><EntitySet Name="as" EntityType="Microsoft.NAV.a"/></EntityContainer>`, /EntityContainer/, /"nope"/],
  ])("rejects %s with a located MetadataModelError", (_, body, at, problem) => {
    const run = () => model(body, body.includes("EntitySet Name=\"as\"") ? { entitySets: ["nope"] } : {});
    expect(run).toThrow(MetadataModelError);
    try { run(); } catch (e) {
      expect((e as MetadataModelError).at).toMatch(at);
      expect((e as MetadataModelError).problem).toMatch(problem);
    }
  });
});
