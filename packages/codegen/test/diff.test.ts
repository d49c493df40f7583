import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffMetadata } from "../src/diff/diff-metadata.js";
import { generate } from "../src/generate.js";
import { edmx } from "./edmx.js";
import { fixturesDir } from "./golden-cases.js";

const doc = (customer: string, extra = "") => edmx(`<EnumType Name="status"><Member Name="Open" Value="0"/>${extra}</EnumType>
  <EntityType Name="customer"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid" Nullable="false"/>${customer}</EntityType>
  <EntityContainer Name="NAV"><EntitySet Name="customers" EntityType="Microsoft.NAV.customer"/></EntityContainer>`);
const base = doc(`<Property Name="name" Type="Edm.String"/>`);

describe("diffMetadata", () => {
  it.each([
    ["an added property", doc(`<Property Name="name" Type="Edm.String"/><Property Name="email" Type="Edm.String"/>`), "minor", "+ property Microsoft.NAV.customer/email (Edm.String)"],
    ["an added enum member", doc(`<Property Name="name" Type="Edm.String"/>`, `<Member Name="Closed" Value="1"/>`), "minor", "+ enum member Microsoft.NAV.status/Closed (value 1)"],
    ["a removed property", doc(""), "major", "- property Microsoft.NAV.customer/name (Edm.String)"],
    ["a renamed property", doc(`<Property Name="displayName" Type="Edm.String"/>`), "major", "+ property Microsoft.NAV.customer/displayName (Edm.String (renamed from name?))"],
    ["a type change", doc(`<Property Name="name" Type="Edm.Int32"/>`), "major", "~ property Microsoft.NAV.customer/name (type Edm.String → Edm.Int32)"],
    ["nothing", base, "none", "no API changes"],
  ])("classifies %s", (_, after, bump, line) => {
    const diff = diffMetadata(base, after, { kind: "api" });
    expect(diff.bump).toBe(bump);
    expect(diff.summary).toContain(line);
  });

  it("sees the 2025-06 → 2025-08 v2.0 drift as 10 additions, and the reverse as breaking", () => {
    const june = readFileSync(join(fixturesDir, "api-v2.0.rebelpl.2025-06.xml"), "utf8");
    const august = readFileSync(join(fixturesDir, "api-v2.0.erlorenz-bc-codegen.2025-08.xml"), "utf8");
    const forward = diffMetadata(june, august, { kind: "api" });
    expect([forward.bump, forward.changes.length]).toEqual(["minor", 10]);
    expect(forward.summary).toContain("+ property Microsoft.NAV.employee/iban (Edm.String)");
    const backward = diffMetadata(august, june, { kind: "api" });
    expect(backward.bump).toBe("major");
    expect(backward.changes.every((c) => c.severity === "major" && c.kind === "removed")).toBe(true);
  });
});

describe("generate() with the changeset option", () => {
  it("writes a changeset with the bump and summary when the document differs from the snapshot", async () => {
    const dir = join(import.meta.dirname ?? __dirname, ".tmp", "changeset");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const route = { name: "api-v2.0", kind: "api" as const, path: "api/v2.0", source: { kind: "file" as const, path: "input.xml" }, outDir: "out", changeset: { packageName: "@contoso/bc" } };
    writeFileSync(join(dir, "input.xml"), base);
    const [first] = await generate({ routes: [route], cwd: dir });
    expect(first?.changeset).toBeUndefined();
    expect(readFileSync(join(dir, "metadata/api-v2.0.xml"), "utf8")).toBe(base);
    writeFileSync(join(dir, "input.xml"), doc(""));
    const [second] = await generate({ routes: [route], cwd: dir });
    expect(second?.changeset?.bump).toBe("major");
    const [file] = readdirSync(join(dir, ".changeset"));
    expect(file).toMatch(/^bcts-api-v2-0-[0-9a-f]{8}\.md$/);
    const text = readFileSync(join(dir, ".changeset", file!), "utf8");
    expect(text).toMatch(/^---\n"@contoso\/bc": major\n---\n/);
    expect(text).toContain("- property Microsoft.NAV.customer/name");
  });
});
