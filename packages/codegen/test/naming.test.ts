import { readdir, readFile, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../src/config/config-error.js";
import type { NamingOptions, ResolvedNaming } from "../src/config/config-types.js";
import { resolveConfig } from "../src/config/resolve-config.js";
import { DEFAULT_NAMING } from "../src/config/resolve-naming.js";
import { parseCsdl } from "../src/csdl/parse-csdl.js";
import { generateFiles } from "../src/generate-files.js";
import { buildModel } from "../src/model/build-model.js";
import type { ModelOptions } from "../src/model/model-options.js";
import { toPascalMemberKey } from "../src/model/names.js";
import { typeBaseName } from "../src/model/type-naming.js";
import { writeOutput } from "../src/print/write-output.js";
import { edmx } from "./edmx.js";
import { fixturesDir } from "./golden-cases.js";
import { typecheck } from "./typecheck.js";

const naming = (options: Partial<ResolvedNaming>): ResolvedNaming => ({ ...DEFAULT_NAMING, ...options });

describe("typeBaseName", () => {
  it.each<[string, Partial<ResolvedNaming>, string, string, string]>([
    ["default", {}, "Microsoft.NAV.salesOrder", "salesOrder", "SalesOrder"],
    ["preserve", { types: "preserve" }, "Microsoft.NAV.salesOrder", "salesOrder", "salesOrder"],
    ["prefix", { typePrefix: "Bc" }, "Microsoft.NAV.salesOrder", "salesOrder", "BcSalesOrder"],
    ["suffix", { typeSuffix: "Entity" }, "Microsoft.NAV.salesOrder", "salesOrder", "SalesOrderEntity"],
    ["prefix, suffix and preserve", { types: "preserve", typePrefix: "Bc", typeSuffix: "Entity" }, "Microsoft.NAV.salesOrder", "salesOrder", "BcsalesOrderEntity"],
    ["encoded name", {}, "NAV.G_x002F_L_x0020_Entry", "G_x002F_L_x0020_Entry", "G_L_Entry"],
    ["leading digit", {}, "NAV.1099Form", "1099Form", "_1099Form"],
    ["leading digit with prefix", { typePrefix: "Bc" }, "NAV.1099Form", "1099Form", "Bc_1099Form"],
    ["rename, exactly as given", { types: "preserve", typePrefix: "Bc", typeSuffix: "Entity", rename: { "Microsoft.NAV.customer": "Client" } }, "Microsoft.NAV.customer", "customer", "Client"],
    ["rename of another type", { typePrefix: "Bc", rename: { "Microsoft.NAV.customer": "Client" } }, "Microsoft.NAV.vendor", "vendor", "BcVendor"],
    ["rename lookup ignores inherited keys", { rename: { "Microsoft.NAV.customer": "Client" } }, "constructor", "constructor", "Constructor"],
  ])("%s", (_, options, qualifiedName, simpleName, expected) => {
    expect(typeBaseName(naming(options), qualifiedName, simpleName)).toBe(expected);
  });
});

describe("toPascalMemberKey", () => {
  it.each([
    ["G_x002F_L_x0020_Account", "GLAccount"],
    ["Charge_x0020__x0028_Item_x0029_", "ChargeItem"],
    ["Charge (Item)", "ChargeItem"],
    ["_x0020_", "Blank"],
    ["", "Blank"],
    ["1_x0020_foo", "_1Foo"],
    ["Positive_x0020_Adjmt_x002E_", "PositiveAdjmt"],
    ["sales_order", "SalesOrder"],
    ["VAT", "VAT"],
  ])("%j → %s", (wire, key) => {
    expect(toPascalMemberKey(wire)).toBe(key);
  });
});

const api: ModelOptions = { routeName: "api-v2.0", routeKind: "api", routePath: "api/v2.0", entitySets: "all", naming: DEFAULT_NAMING };
const entity = (name: string) => `<EntityType Name="${name}"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid" Nullable="false"/></EntityType>`;
const doc = `${entity("customer")}${entity("vendor")}
  <ComplexType Name="postalAddress"><Property Name="city" Type="Edm.String"/></ComplexType>
  <EnumType Name="contactType"><Member Name="Person" Value="0"/><Member Name="Company" Value="1"/></EnumType>
  <EntityContainer Name="NAV"><EntitySet Name="customers" EntityType="Microsoft.NAV.customer"/><EntitySet Name="vendors" EntityType="Microsoft.NAV.vendor"/></EntityContainer>`;
const model = (options: NamingOptions, body = doc, rest: Partial<ModelOptions> = {}) =>
  buildModel(parseCsdl(edmx(body), { source: "doc.xml", maxBytes: 1e6 }), { ...api, ...rest, naming: { ...DEFAULT_NAMING, ...options } }, "doc.xml");
const typeNames = (options: NamingOptions, body?: string) => {
  const m = model(options, body);
  return { entities: m.entityTypes.map((t) => t.names), complex: m.complexTypes.map((t) => t.name), enums: m.enumTypes.map((t) => t.name), notes: m.notes };
};

describe("buildModel with naming options", () => {
  it("prefixes every form of entity types, complex and enum types, and the entity module's file name", () => {
    const { entities, complex, enums } = typeNames({ typePrefix: "Bc" });
    expect(entities[0]).toEqual({
      read: "BcCustomer", create: "BcCustomerCreate", update: "BcCustomerUpdate", model: "BcCustomerModel", fields: "BcCustomerFields",
      navigation: "BcCustomerNavigation", actions: "BcCustomerActions", descriptor: "bcCustomerType", file: "bc-customer",
    });
    expect(complex).toEqual(["BcPostalAddress"]);
    expect(enums).toEqual(["BcContactType"]);
  });

  it.each<[string, NamingOptions, string[], string, string]>([
    ["suffix", { typeSuffix: "Entity" }, ["CustomerEntity", "VendorEntity"], "PostalAddressEntity", "ContactTypeEntity"],
    ["preserve", { types: "preserve" }, ["customer", "vendor"], "postalAddress", "contactType"],
    ["rename wins over prefix", { typePrefix: "Bc", rename: { "Microsoft.NAV.customer": "Client", "Microsoft.NAV.contactType": "PartyKind" } }, ["Client", "BcVendor"], "BcPostalAddress", "PartyKind"],
    ["rename of a complex type", { rename: { "Microsoft.NAV.postalAddress": "Address" } }, ["Customer", "Vendor"], "Address", "ContactType"],
  ])("%s", (_, options, reads, complexName, enumName) => {
    const { entities, complex, enums } = typeNames(options);
    expect(entities.map((n) => n.read)).toEqual(reads);
    expect(complex).toEqual([complexName]);
    expect(enums).toEqual([enumName]);
  });

  it("gives a renamed entity type every derived form and its own file name", () => {
    expect(typeNames({ rename: { "Microsoft.NAV.customer": "Client" } }).entities[0]).toMatchObject({ read: "Client", create: "ClientCreate", descriptor: "clientType", file: "client" });
  });

  it("keeps a rename exact and moves the automatically named type aside, with a note", () => {
    const { entities, notes } = typeNames({ rename: { "Microsoft.NAV.customer": "Vendor" } });
    expect(entities.map((n) => [n.read, n.file])).toEqual([["Vendor", "vendor"], ["Vendor_2", "vendor-2"]]);
    expect(notes).toContain("Microsoft.NAV.vendor is generated as Vendor_2: naming.rename gives Vendor to Microsoft.NAV.customer.");
  });

  it("keeps preserved names that are reserved words out of the exports", () => {
    const { enums, complex } = typeNames({ types: "preserve" }, `<EnumType Name="string"><Member Name="A" Value="0"/></EnumType><ComplexType Name="default"><Property Name="a" Type="Edm.String"/></ComplexType>`);
    expect(enums).toEqual(["string_2"]);
    expect(complex).toEqual(["default_2"]);
  });

  it("spells enum member keys in PascalCase, still unique, with raw wire values", () => {
    const m = model({ enumMembers: "pascal" }, `<EnumType Name="lineType"><Member Name="_x0020_" Value="0"/><Member Name="G_x002F_L_x0020_Account" Value="1"/><Member Name="G_L_Account" Value="2"/><Member Name="Charge_x0020__x0028_Item_x0029_" Value="3"/><Member Name="1st_x0020_line" Value="4"/></EnumType>`);
    expect(m.enumTypes[0]?.members).toEqual([
      { wireName: "_x0020_", key: "Blank", value: 0 },
      { wireName: "G_x002F_L_x0020_Account", key: "GLAccount", value: 1 },
      { wireName: "G_L_Account", key: "GLAccount_2", value: 2 },
      { wireName: "Charge_x0020__x0028_Item_x0029_", key: "ChargeItem", value: 3 },
      { wireName: "1st_x0020_line", key: "_1stLine", value: 4 },
    ]);
  });

  it("accepts a rename of a declared type that the entitySets allow-list prunes", () => {
    const m = model({ rename: { "Microsoft.NAV.vendor": "Supplier" } }, doc, { entitySets: ["customers"] });
    expect(m.entityTypes.map((t) => t.names.read)).toEqual(["Customer"]);
  });

  const configError = (run: () => unknown): ConfigError => {
    try {
      run();
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error("expected a ConfigError");
  };

  it.each<[string, Record<string, string>, string, RegExp, RegExp]>([
    ["a misspelt key, with the closest type", { "Microsoft.NAV.custmer": "Client" }, 'naming.rename["Microsoft.NAV.custmer"]', /did you mean "Microsoft.NAV.customer"/, /"Microsoft.NAV.customer": "Client"/],
    ["a key qualified by alias", { "NAV.postalAddress": "Address" }, 'naming.rename["NAV.postalAddress"]', /did you mean "Microsoft.NAV.postalAddress"/, /"Microsoft.NAV.postalAddress": "Address"/],
    ["a key close to nothing", { "Contoso.App.widget": "Gadget" }, 'naming.rename["Contoso.App.widget"]', /^"Contoso.App.widget", which the document does not declare$/, /"Microsoft.NAV.contactType": "Gadget"/],
    ["a reserved export", { "Microsoft.NAV.postalAddress": "Models" }, 'naming.rename["Microsoft.NAV.postalAddress"]', /form Models is a name the generated modules declare or import/, /"Models2"/],
    ["a derived form that is reserved", { "Microsoft.NAV.customer": "Entity" }, 'naming.rename["Microsoft.NAV.customer"]', /form EntityModel is a name the generated modules/, /"Entity2"/],
    ["a reserved word", { "Microsoft.NAV.contactType": "class" }, 'naming.rename["Microsoft.NAV.contactType"]', /form class is a reserved word/, /"class2"/],
    ["the route constant", { "Microsoft.NAV.contactType": "apiV2_0" }, 'naming.rename["Microsoft.NAV.contactType"]', /the route constant/, /"apiV2_02"/],
    ["another rename's derived form", { "Microsoft.NAV.customer": "Client", "Microsoft.NAV.postalAddress": "ClientCreate" }, 'naming.rename["Microsoft.NAV.postalAddress"]', /form ClientCreate is also a form of "Client" \(Microsoft.NAV.customer\)/, /"ClientCreate2"/],
  ])("rejects %s", (_, rename, key, found, example) => {
    const error = configError(() => model({ rename }));
    expect(error.key).toBe(key);
    expect(error.found).toMatch(found);
    expect(error.example).toMatch(example);
  });

  it("names what a rename key must be", () => {
    expect(configError(() => model({ rename: { "Microsoft.NAV.custmer": "Client" } })).expected).toBe("the qualified name of an entity, complex or enum type in the document");
  });
});

const here = dirname(fileURLToPath(import.meta.url));

it("generates a real document with a prefix, PascalCase enum keys and a rename, and it type-checks", async () => {
  // Inside the repository so the generated code resolves @bcts/odata.
  const outDir = join(here, ".tmp", `naming-${process.pid}`);
  const fixture = join(fixturesDir, "api-v2.0.rebelpl.2025-06.xml");
  const [route] = resolveConfig({ routes: [{
    name: "api-v2.0", kind: "api", path: "api/v2.0", source: { kind: "file", path: fixture }, outDir,
    naming: { typePrefix: "Bc", enumMembers: "pascal", rename: { "Microsoft.NAV.customer": "Client" } },
  }] }, here);
  try {
    const { files } = generateFiles(await readFile(fixture, "utf8"), "api-v2.0.rebelpl.2025-06.xml", route!);
    await writeOutput(outDir, files);
    const checked = typecheck(outDir);
    expect(checked.diagnostics).toEqual([]);
    expect(checked.files).toBe([...files.keys()].filter((name) => name.endsWith(".ts")).length);
    const client = await readFile(join(outDir, "client.ts"), "utf8");
    expect(client).toContain("export interface Client {");
    expect(client).toContain("export interface ClientCreate {");
    expect(client).toContain("readonly displayName: string;");
    expect(await readFile(join(outDir, "bc-sales-order.ts"), "utf8")).toContain("export interface BcSalesOrder {");
    const enums = await readFile(join(outDir, "enums.ts"), "utf8");
    expect(enums).toContain('GLAccount: "G_x002F_L_x0020_Account",');
    expect(enums).toMatch(/export const BcContactType = \{/);
    expect([...files.keys()]).not.toContain("customer.ts");
  } finally {
    await rm(outDir, { recursive: true, force: true });
    const configs = (await readdir(join(here, ".tmp"))).filter((name) => name.startsWith(`tsconfig.naming-${process.pid}.`));
    await Promise.all(configs.map((name) => rm(join(here, ".tmp", name), { force: true })));
  }
}, 240_000);
