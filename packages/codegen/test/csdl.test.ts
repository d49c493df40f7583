import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CsdlParseError } from "../src/csdl/csdl-parse-error.js";
import { parseCsdl } from "../src/csdl/parse-csdl.js";
import { edmx } from "./edmx.js";
import { fixturesDir } from "./golden-cases.js";

const parse = (xml: string, maxBytes = 1_000_000) => parseCsdl(xml, { source: "doc.xml", maxBytes });

describe("parseCsdl reads the elements BC emits", () => {
  it("reads entity types, keys, facets, navigation with constraints, enums, actions, sets and annotations", () => {
    const doc = parse(edmx(`
      <EntityType Name="salesOrder"><Key><PropertyRef Name="id"/></Key>
        <Property Name="id" Type="Edm.Guid" Nullable="false"/>
        <Property Name="number" Type="Edm.String" MaxLength="20"/>
        <Property Name="amount" Type="Edm.Decimal" Scale="Variable"/>
        <NavigationProperty Name="customer" Type="Microsoft.NAV.customer" ContainsTarget="true" Partner="orders">
          <ReferentialConstraint Property="customerId" ReferencedProperty="id"/>
        </NavigationProperty>
      </EntityType>
      <EntityType Name="customer"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid" Nullable="false"/></EntityType>
      <EnumType Name="status"><Member Name="_x0020_" Value="0"/><Member Name="G_x002F_L" Value="8000"/></EnumType>
      <Action Name="post" IsBound="true"><Parameter Name="bindingParameter" Type="Microsoft.NAV.salesOrder"/></Action>
      <EntityContainer Name="NAV"><EntitySet Name="salesOrders" EntityType="Microsoft.NAV.salesOrder">
        <Annotation Term="Org.OData.Capabilities.V1.InsertRestrictions"><Record><PropertyValue Property="Insertable" Bool="false"/></Record></Annotation>
      </EntitySet></EntityContainer>
      <Annotations Target="Microsoft.NAV.salesOrder/number"><Annotation Term="Org.OData.Core.V1.IsLanguageDependent" Bool="true"/></Annotations>`));
    const [schema] = doc.schemas;
    expect(schema?.namespace).toBe("Microsoft.NAV");
    const order = schema?.entityTypes[0];
    expect(order?.key).toEqual(["id"]);
    expect(order?.properties.map((p) => [p.name, p.type, p.nullable, p.maxLength ?? null, p.scale ?? null])).toEqual([
      ["id", "Edm.Guid", false, null, null],
      ["number", "Edm.String", true, "20", null],
      ["amount", "Edm.Decimal", true, null, "Variable"],
    ]);
    expect(order?.navigationProperties[0]).toMatchObject({ name: "customer", containsTarget: true, partner: "orders", referentialConstraints: [{ property: "customerId", referencedProperty: "id" }] });
    expect(schema?.enumTypes[0]?.members.map((m) => [m.name, m.value])).toEqual([["_x0020_", "0"], ["G_x002F_L", "8000"]]);
    expect(schema?.actions[0]).toMatchObject({ name: "post", isBound: true, returnType: undefined });
    expect(schema?.entityContainer?.entitySets[0]?.annotations[0]).toEqual({
      term: "Org.OData.Capabilities.V1.InsertRestrictions",
      qualifier: undefined,
      value: { kind: "record", properties: [{ property: "Insertable", value: { kind: "bool", value: false } }] },
    });
    expect(schema?.annotations[0]).toEqual({ target: "Microsoft.NAV.salesOrder/number", annotations: [{ term: "Org.OData.Core.V1.IsLanguageDependent", qualifier: undefined, value: { kind: "bool", value: true } }] });
  });

  it("keeps undeclared vocabulary terms as opaque structured values (enum members, strings)", () => {
    const doc = parse(edmx(`<EntityType Name="x"><Key><PropertyRef Name="No"/></Key><Property Name="No" Type="Edm.String" Nullable="false">
      <Annotation Term="NAV.LabelId" String="No."/><Annotation Term="NAV.NavType"><EnumMember>NAV.NavType/String</EnumMember></Annotation>
      <Annotation Term="Some.Unknown.Term"/></Property></EntityType>`, { namespace: "NAV" }));
    expect(doc.schemas[0]?.entityTypes[0]?.properties[0]?.annotations.map((a) => [a.term, a.value])).toEqual([
      ["NAV.LabelId", { kind: "string", value: "No." }],
      ["NAV.NavType", { kind: "enumMember", value: "NAV.NavType/String" }],
      ["Some.Unknown.Term", { kind: "none" }],
    ]);
  });

  it("reads unbound actions with return types and action imports", () => {
    const doc = parse(edmx(`<Action Name="Svc_Do"><Parameter Name="_UserID" Type="Edm.String"/><ReturnType Type="Edm.Boolean"/></Action>
      <EntityContainer Name="NAV"><ActionImport Name="Svc_Do" Action="NAV.Svc_Do"/></EntityContainer>`, { namespace: "NAV" }));
    expect(doc.schemas[0]?.actions[0]).toMatchObject({ isBound: false, parameters: [{ name: "_UserID", type: "Edm.String", nullable: true }], returnType: { type: "Edm.Boolean", nullable: true } });
    expect(doc.schemas[0]?.entityContainer?.actionImports).toEqual([{ name: "Svc_Do", action: "NAV.Svc_Do" }]);
  });
});

describe("parseCsdl rejects bad input with a located CsdlParseError", () => {
  const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><edmx:Edmx Version="4.0" xmlns:edmx="x">&lol2;</edmx:Edmx>`;
  const cases: { name: string; xml: string; maxBytes?: number; at: RegExp; expected: RegExp }[] = [
    { name: "not XML (JSON)", xml: `{"error":{"code":"Unauthorized"}}`, at: /line 1, column 1/, expected: /XML document/ },
    { name: "an entity-expansion bomb", xml: bomb, at: /line 1/, expected: /no DTD/ },
    { name: "truncated", xml: edmx(`<EntityType Name="a"><Key><PropertyRef Name="id"/></Key>`).slice(0, -60), at: /line \d+, column \d+/, expected: /well-formed XML/ },
    { name: "not EDMX", xml: `<?xml version="1.0"?><html><body>Sign in</body></html>`, at: /root element/, expected: /<edmx:Edmx>/ },
    { name: "OData v2", xml: edmx("", { version: "1.0" }), at: /Edmx/, expected: /OData version 4\.0/ },
    { name: "over the size limit", xml: edmx(""), maxBytes: 100, at: /byte 0/, expected: /at most 100 bytes/ },
    { name: "a property without Type", xml: edmx(`<EntityType Name="customer"><Property Name="id"/></EntityType>`), at: /EntityType\[customer\]\/Property\[id\]/, expected: /attribute "Type"/ },
    { name: "a bad boolean facet", xml: edmx(`<EntityType Name="c"><Property Name="id" Type="Edm.Guid" Nullable="no"/></EntityType>`), at: /Property\[id\]\/@Nullable/, expected: /"true" or "false"/ },
  ];
  it.each(cases)("$name", ({ xml, maxBytes, at, expected }) => {
    const error = (() => { try { parse(xml, maxBytes); } catch (e) { return e; } return undefined; })();
    expect(error).toBeInstanceOf(CsdlParseError);
    expect((error as CsdlParseError).at).toMatch(at);
    expect((error as CsdlParseError).expected).toMatch(expected);
    expect((error as CsdlParseError).message).toContain("doc.xml");
  });
});

describe("parseCsdl on every real fixture", () => {
  const fixtures = readdirSync(fixturesDir).filter((f) => f.endsWith(".xml"));
  it.each(fixtures)("%s parses into at least one schema with a container", (fixture) => {
    const doc = parse(readFileSync(join(fixturesDir, fixture), "utf8"), 32 * 1024 * 1024);
    expect(doc.schemas.some((s) => (s.entityContainer?.entitySets.length ?? 0) > 0)).toBe(true);
  });

  it("reads the minified and the pretty-printed v2.0 documents alike", () => {
    const minified = parse(readFileSync(join(fixturesDir, "api-v2.0.rebelpl.2025-05.raw-minified.xml"), "utf8"), 32e6);
    const pretty = parse(readFileSync(join(fixturesDir, "api-v2.0.rebelpl.2025-06.xml"), "utf8"), 32e6);
    const names = (d: typeof pretty) => d.schemas[0]!.entityTypes.map((t) => t.name).sort();
    expect(names(pretty).filter((n) => !names(minified).includes(n))).toEqual(["salespersonPurchaser"]);
  });
});
