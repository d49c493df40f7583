import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { createODataClient } from "@bcts/odata";
import { resolveConfig } from "../src/config/resolve-config.js";
import { generateFiles } from "../src/generate-files.js";
import { writeOutput } from "../src/print/write-output.js";
import { CLIENT_MEMBERS, ENTITY_CLIENT_MEMBERS } from "../src/model/reserved-names.js";
import { edmx } from "./edmx.js";
import { typecheck } from "./typecheck.js";

// Names that are members of the runtime's clients or of Object.prototype, in the positions where they
// used to type-check and then crash (sets), or not compile at all (operation parameters: TS2322 PropertyKind).
const CLIENT_MEMBER_SETS = ["invoke", "batch", "company", "set", "toUrl"];
const PROTOTYPE_PARAMETERS = `<Parameter Name="toString" Type="Edm.String"/><Parameter Name="valueOf" Type="Edm.Int32"/><Parameter Name="constructor" Type="Edm.Boolean"/>`;
const xml = edmx(`
  <EntityType Name="job"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid" Nullable="false"/></EntityType>
  <Action Name="delete" IsBound="true"><Parameter Name="bindingParameter" Type="Microsoft.NAV.job"/>${PROTOTYPE_PARAMETERS}</Action>
  <Function Name="toUrl" IsBound="true"><Parameter Name="bindingParameter" Type="Microsoft.NAV.job"/><ReturnType Type="Edm.String"/></Function>
  <Action Name="Run">${PROTOTYPE_PARAMETERS}<ReturnType Type="Edm.String"/></Action>
  <EntityContainer Name="NAV">
    ${CLIENT_MEMBER_SETS.map((name) => `<EntitySet Name="${name}" EntityType="Microsoft.NAV.job"/>`).join("")}
    <EntitySet Name="invoke_2" EntityType="Microsoft.NAV.job"/>
    <ActionImport Name="Run" Action="Microsoft.NAV.Run"/>
  </EntityContainer>`);

const outDir = join(import.meta.dirname ?? __dirname, ".tmp", "client-members");
const [route] = resolveConfig({ routes: [{ name: "members", kind: "api", path: "api/x/y/v1.0", source: { kind: "file", path: "unused.xml" }, outDir }] }, outDir);
const generated = generateFiles(xml, "members.xml", route!);
const ID = "11111111-2222-3333-4444-555555555555";

describe("names that collide with client members", () => {
  beforeAll(async () => {
    rmSync(outDir, { recursive: true, force: true });
    await writeOutput(outDir, generated.files);
  });

  it("renames entity sets named like client members, with a note each, and keeps their URLs", async () => {
    for (const name of CLIENT_MEMBER_SETS) expect(generated.notes).toContain(`EntitySet[${name}] is exposed as client.${name === "invoke" ? "invoke_3" : `${name}_2`}: "${name}" is a member of the runtime's clients. Its URL stays /${name}.`);
    const mod = (await import(pathToFileURL(join(outDir, "index.ts")).href)) as Record<string, any>;
    expect(Object.keys(mod.members.sets).sort()).toEqual(["batch_2", "company_2", "invoke_2", "invoke_3", "set_2", "toUrl_2"]);
    // Without a companies set every set is at the route root, next to client.company() and client.batch().
    const client = createODataClient(mod.members, { serviceRootUrl: "https://bc.test/api/x/y/v1.0", fetch: () => Promise.reject(new Error("no network")) }) as unknown as Record<string, any>;
    expect(client["invoke_3"].toUrl()).toBe("https://bc.test/api/x/y/v1.0/invoke");
    expect(client["invoke_2"].toUrl()).toBe("https://bc.test/api/x/y/v1.0/invoke_2");
    expect(client["company_2"].toUrl()).toBe("https://bc.test/api/x/y/v1.0/company");
    expect(client["toUrl_2"].toUrl()).toBe("https://bc.test/api/x/y/v1.0/toUrl");
    expect(typeof client["company"]).toBe("function");
    expect(typeof client["batch"]).toBe("function");
  });

  it("renames bound operations named like entity-client methods, with a note", async () => {
    expect(generated.notes).toContain(`Action[Microsoft.NAV.delete] is generated as the entity client method delete_2: "delete" is one of its members.`);
    expect(generated.notes).toContain(`Function[Microsoft.NAV.toUrl] is generated as the entity client method toUrl_2: "toUrl" is one of its members.`);
    const mod = (await import(pathToFileURL(join(outDir, "index.ts")).href)) as Record<string, any>;
    expect(mod.jobType.actions.delete_2.name).toBe("Microsoft.NAV.delete");
    expect(Object.keys(mod.jobType.actions.delete_2.parameters)).toEqual(["toString", "valueOf", "constructor"]);
  });

  it("compiles, including operation parameters named toString, valueOf and constructor, and types the renamed members", () => {
    writeFileSync(join(outDir, "consumer-check.ts"), [
      'import { createODataClient } from "@bcts/odata";',
      'import { members } from "./index.js";',
      'const client = createODataClient(members, { serviceRootUrl: "https://bc.test/api/x/y/v1.0" });',
      "export const url: string = client.invoke_3.toUrl() + client.company_2.toUrl();",
      `export const run: Promise<string | null> = client.company("${ID}").invoke("Run", { toString: "a", valueOf: 1, constructor: true });`,
      "// @ts-expect-error the set named company is not reachable under its wire name: company() selects a company",
      "void client.company.list;",
      "",
    ].join("\n"));
    const diagnostics = typecheck(outDir).diagnostics;
    expect(diagnostics).toEqual([]);
  }, 120_000);
});

describe("the contract with the runtime's reserved member names", () => {
  // The runtime skips set keys and entity members with these names; codegen must rename every one of them.
  const reserved = (file: string, constant: string): string[] => {
    const text = readFileSync(join(import.meta.dirname ?? __dirname, "../../odata/src/client", file), "utf8");
    const list = new RegExp(`const ${constant} = new Set\\(\\[([^\\]]*)\\]\\)`).exec(text)?.[1];
    if (list === undefined) throw new Error(`${constant} not found in @bcts/odata ${file}: update reserved-names.ts and this test together`);
    return [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
  };

  it("CLIENT_MEMBERS covers RESERVED_KEYS of create-odata-client.ts", () => {
    const keys = reserved("create-odata-client.ts", "RESERVED_KEYS");
    expect(keys.length).toBeGreaterThan(3);
    expect(keys.filter((k) => !CLIENT_MEMBERS.includes(k))).toEqual([]);
  });

  it("ENTITY_CLIENT_MEMBERS covers RESERVED of entity-client-impl.ts", () => {
    const keys = reserved("entity-client-impl.ts", "RESERVED");
    expect(keys.length).toBeGreaterThan(3);
    expect(keys.filter((k) => !ENTITY_CLIENT_MEMBERS.includes(k))).toEqual([]);
  });
});
