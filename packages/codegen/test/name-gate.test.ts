import { describe, expect, it } from "vitest";
import * as runtime from "@bcts/odata";
import { resolveConfig } from "../src/config/resolve-config.js";
import { CsdlParseError } from "../src/csdl/csdl-parse-error.js";
import { isValidName } from "../src/csdl/name-gate.js";
import { parseCsdl } from "../src/csdl/parse-csdl.js";
import { generateFiles } from "../src/generate-files.js";
import { edmx } from "./edmx.js";
import { CANARY, importOutput, scanOutput } from "./generated-output-checks.js";

const parse = (xml: string) => parseCsdl(xml, { source: "doc.xml", maxBytes: 1_000_000 });
const refusal = (xml: string): CsdlParseError => {
  try {
    parse(xml);
  } catch (error) {
    if (error instanceof CsdlParseError) return error;
    throw error;
  }
  throw new Error("the document was accepted");
};
const generate = (xml: string) => {
  const [route] = resolveConfig({ routes: [{ name: "gate", kind: "api", path: "api/x/y/v1.0", source: { kind: "file", path: "unused.xml" }, outDir: "/unused" }] }, "/");
  return generateFiles(xml, "gate.xml", route!);
};

/** A small valid document with one slot (`$`) replaced by the hostile name. */
function documentWith(position: string, name: string): string {
  const n = (slot: string, fallback: string) => (slot === position ? name : fallback);
  return edmx(`
    <EnumType Name="${n("enum", "status")}"><Member Name="${n("member", "Open")}" Value="0"/></EnumType>
    <EntityType Name="${n("entityType", "customer")}"><Key><PropertyRef Name="${n("key", "id")}"/></Key>
      <Property Name="${n("key", "id")}" Type="Edm.Guid" Nullable="false"/>
      <Property Name="${n("property", "displayName")}" Type="${n("propertyType", "Edm.String")}"/>
      <NavigationProperty Name="${n("navigation", "self")}" Type="Microsoft.NAV.${n("entityType", "customer")}"/>
    </EntityType>
    <Action Name="${n("action", "post")}" IsBound="true"><Parameter Name="bindingParameter" Type="Microsoft.NAV.${n("entityType", "customer")}"/><Parameter Name="${n("parameter", "note")}" Type="Edm.String"/></Action>
    <EntityContainer Name="NAV"><EntitySet Name="${n("entitySet", "customers")}" EntityType="Microsoft.NAV.${n("entityType", "customer")}"/></EntityContainer>`);
}

const POSITIONS = [
  ["entityType", /EntityType\[.*\]\/@Name$/],
  ["entitySet", /EntitySet\[.*\]\/@Name$/],
  ["enum", /EnumType\[.*\]\/@Name$/],
  ["member", /Member\[.*\]\/@Name$/],
  ["property", /Property\[.*\]\/@Name$/],
  ["propertyType", /Property\[displayName\]\/@Type$/],
  ["navigation", /NavigationProperty\[.*\]\/@Name$/],
  ["key", /PropertyRef\[.*\]\/@Name$/],
  ["action", /Action\[.*\]\/@Name$/],
  ["parameter", /Parameter\[.*\]\/@Name$/],
] as const;
// The measured attacks: a comment terminator followed by code, template holes, quotes, backticks.
const HOSTILE = [`x*/${CANARY}(1)/*`, "a`b", "a${b}", 'a"b', "a'b", "a b", "a\u202eb", "a\u200bb", "a.b", "a/b", "a-b"];

describe("the name gate refuses names outside the CSDL identifier rules, naming the element", () => {
  for (const [position, at] of POSITIONS) {
    it(`in ${position} position`, () => {
      // In a type position a dotted name is a valid (undeclared) QualifiedName: the model refuses it later.
      for (const name of HOSTILE.filter((h) => position !== "propertyType" || !isValidName(h, "typeReference"))) {
        // XML-escape the name as a hostile author would (it is the decoded value that must be refused).
        const xml = documentWith(position, name.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;"));
        const error = refusal(xml);
        expect(error.at, name).toMatch(at);
        expect(error.message).toContain("_xHHHH_");
      }
    });
  }

  it("refuses a namespace that is not a QualifiedName and a type reference with a quote", () => {
    expect(refusal(edmx(`<EnumType Name="s"><Member Name="A"/></EnumType>`, { namespace: "Microsoft.NAV*/x" })).at).toMatch(/Schema\[0\]\/@Namespace$/);
    expect(refusal(documentWith("propertyType", "Collection(Edm.String)'")).at).toMatch(/@Type$/);
  });

  it("accepts what Business Central writes: _xHHHH_ names, Unicode letters, enum members named like numbers", () => {
    expect(isValidName("G_x002F_L_x0020_Account", "simpleIdentifier")).toBe(true);
    expect(isValidName("_x003C_CurrentPostingDate_x003E_", "simpleIdentifier")).toBe(true);
    expect(isValidName("Straße", "simpleIdentifier")).toBe(true);
    expect(isValidName("0", "enumMember")).toBe(true);
    expect(isValidName("1st_x0020_line", "enumMember")).toBe(true);
    // …but not a property named like a number (BC encodes a leading digit as _x0031_).
    expect(isValidName("1st", "simpleIdentifier")).toBe(false);
    expect(isValidName("a".repeat(129), "simpleIdentifier")).toBe(false);
    expect(isValidName("Microsoft.NAV.customer", "qualifiedName")).toBe(true);
    expect(isValidName("Collection(Microsoft.NAV.x)", "typeReference")).toBe(true);
  });

  it("refuses duplicate names in one scope (they would be duplicate declarations)", () => {
    const xml = edmx(`<EntityType Name="c"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid"/><NavigationProperty Name="id" Type="Microsoft.NAV.c"/></EntityType>`);
    expect(refusal(xml).expected).toMatch(/names unique/);
  });

  it("writes element paths with hostile labels quoted and escaped, so an error cannot drive a terminal", () => {
    // U+009B (CSI) is a character XML allows; a terminal reads it as the start of an escape sequence.
    const error = refusal(documentWith("entityType", "a&#x9B;2J&#10;b"));
    expect(error.message).not.toMatch(/[\u009b\n]/);
    expect(error.message).toContain(String.raw`EntityType["a\u009b2J\nb"]`);
  });
});

describe("a `*/` in a name can never run code", () => {
  it("refuses the raw name (the measured attack), and escapes the same text when BC-encoded", async () => {
    expect(refusal(documentWith("entityType", `x*/ globalThis.${CANARY}(1); /*`)).at).toMatch(/EntityType/);
    // `_x002A__x002F_` decodes to `*/`: a valid SimpleIdentifier whose decoded caption is hostile.
    const encoded = `_x002A__x002F__x0020_${CANARY}_x0028_1_x0029__x003B__x002F__x002A_`;
    for (const position of ["entityType", "entitySet", "enum", "member", "property", "navigation", "action", "parameter"] as const) {
      const { files } = generate(documentWith(position, encoded));
      expect(scanOutput(files), position).toEqual([]);
      const loaded = importOutput(files, runtime);
      expect(loaded.thrown, position).toBeUndefined();
      expect(loaded.printed, position).toEqual([]);
    }
  });
});

describe("XML character references", () => {
  it("are decoded once, in names and texts", () => {
    const doc = parse(edmx(`<EntityType Name="caf&#233;&#x41;"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid">
      <Annotation Term="Org.OData.Core.V1.Description" String="G&amp;L &amp;#233; &lt;b&gt; &quot;x&quot; &apos;y&apos;"/></Property></EntityType>`));
    const type = doc.schemas[0]!.entityTypes[0]!;
    expect(type.name).toBe("caféA");
    expect(type.properties[0]!.annotations[0]!.value).toEqual({ kind: "string", value: `G&L &#233; <b> "x" 'y'` });
  });

  it("refuse references XML forbids, undeclared entities, bare ampersands and raw control characters", () => {
    const withName = (name: string) => edmx(`<EnumType Name="${name}"><Member Name="A"/></EnumType>`);
    expect(refusal(withName("a&#0;")).expected).toMatch(/character XML allows/);
    expect(refusal(withName("a&#xD800;")).expected).toMatch(/character XML allows/);
    expect(refusal(withName("a&#x110000;")).expected).toMatch(/character XML allows/);
    expect(refusal(withName("a&nbsp;")).expected).toMatch(/predefined entities/);
    expect(refusal(withName("a & b")).expected).toMatch(/'&' only as the start/);
    expect(refusal(withName("a\u0001")).expected).toMatch(/only characters XML allows/);
    expect(refusal(withName("a\ud800")).expected).toMatch(/only characters XML allows/);
  });
});
