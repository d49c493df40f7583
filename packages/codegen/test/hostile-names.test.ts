import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../src/config/resolve-config.js";
import { generateFiles } from "../src/generate-files.js";
import { writeOutput } from "../src/print/write-output.js";
import { edmx } from "./edmx.js";
import { typecheck } from "./typecheck.js";

// Names and texts chosen to break naive generators: reserved words, prototype keys, leading digits,
// collisions after decoding or case folding, runtime names, and captions that try to escape comments.
const hostile = edmx(`
  <EnumType Name="status"><Member Name="_x0020_" Value="0"/><Member Name="Expired" Value="1"/><Member Name="Expired_x0020_" Value="2"/><Member Name="0" Value="3"/><Member Name="__proto__" Value="4"/></EnumType>
  <EnumType Name="EntityModel"><Member Name="A" Value="0"/></EnumType>
  <EntityType Name="constructor"><Key><PropertyRef Name="__proto__"/></Key>
    <Property Name="__proto__" Type="Edm.String" Nullable="false"/>
    <Property Name="constructor" Type="Edm.Int32"/>
    <Property Name="class" Type="Microsoft.NAV.status">
      <Annotation Term="Org.OData.Core.V1.Description" String="*/ export const pwned = 1; /* \${x} @deprecated"/>
    </Property>
    <Property Name="default" Type="Edm.Decimal"/>
    <NavigationProperty Name="delete" Type="Microsoft.NAV.Constructor" ContainsTarget="true"/>
  </EntityType>
  <EntityType Name="Constructor"><Key><PropertyRef Name="id"/><PropertyRef Name="_x0031_st"/></Key>
    <Property Name="id" Type="Edm.Guid" Nullable="false"/><Property Name="_x0031_st" Type="Edm.Int32" Nullable="false"/>
    <Property Name="pic" Type="Edm.Stream"/>
  </EntityType>
  <EntityType Name="_x0031_stType"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid" Nullable="false"/></EntityType>
  <EntityType Name="Array"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid" Nullable="false"/></EntityType>
  <Action Name="delete" IsBound="true"><Parameter Name="bindingParameter" Type="Microsoft.NAV.constructor"/><Parameter Name="default" Type="Edm.String"/></Action>
  <Action Name="delete" IsBound="true"><Parameter Name="bindingParameter" Type="Microsoft.NAV.Constructor"/></Action>
  <EntityContainer Name="NAV">
    <EntitySet Name="__proto__" EntityType="Microsoft.NAV.constructor"/>
    <EntitySet Name="constructors" EntityType="Microsoft.NAV.Constructor"/>
    <EntitySet Name="firsts" EntityType="Microsoft.NAV._x0031_stType"/>
    <EntitySet Name="arrays" EntityType="Microsoft.NAV.Array"/>
  </EntityContainer>`);

const outDir = join(import.meta.dirname ?? __dirname, ".tmp", "hostile");

describe("hostile names produce compiling, correct code", () => {
  beforeAll(async () => {
    const [route] = resolveConfig({ routes: [{ name: "hostile", kind: "api", path: "api/x/y/v1.0", source: { kind: "file", path: "unused.xml" }, outDir }] }, import.meta.dirname ?? __dirname);
    await writeOutput(outDir, generateFiles(hostile, "hostile.xml", route!).files);
  });

  it("type-checks under strict tsc", () => {
    expect(typecheck(outDir).diagnostics).toEqual([]);
  });

  it("keeps wire names exact at runtime (prototype keys are own properties, enum values raw)", async () => {
    const mod = (await import(pathToFileURL(join(outDir, "index.ts")).href)) as Record<string, any>;
    expect(Object.keys(mod.Status)).toEqual(["Blank", "Expired", "Expired_2", "_0", "proto"]);
    expect(Object.values(mod.Status)).toEqual(["_x0020_", "Expired", "Expired_x0020_", "0", "__proto__"]);
    const route = mod.hostile;
    expect(Object.keys(route.sets).sort()).toEqual(["__proto__", "arrays", "constructors", "firsts"]);
    const type = route.sets["__proto__"].type;
    expect(Object.keys(type.properties)).toEqual(["__proto__", "constructor", "class", "default"]);
    expect(type.keys).toEqual(["__proto__"]);
    expect(type.actions.delete_2).toEqual({ name: "Microsoft.NAV.delete", kind: "action", parameters: { default: "Edm.String" }, returns: null });
    expect(route.sets.constructors.type.keys).toEqual(["id", "_x0031_st"]);
    expect(route.sets.constructors.type.streams).toEqual(["pic"]);
    expect(mod.pwned).toBeUndefined();
  });
});
