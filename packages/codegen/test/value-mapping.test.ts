import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { ClientSecretProvider } from "@bcts/auth";
import { startEmulator, type Emulator } from "@bcts/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../src/config/resolve-config.js";
import { generate } from "../src/generate.js";
import { generateFiles } from "../src/generate-files.js";
import { writeOutput } from "../src/print/write-output.js";
import { fixturesDir } from "./golden-cases.js";
import { typecheck } from "./typecheck.js";

const here = import.meta.dirname ?? __dirname;
const mapped = { dates: "Date", decimal: "string", int64: "string" } as const;

describe("dates as Date, decimals and Int64 as strings, on a real API v2.0 document", () => {
  const fixture = "api-v2.0.rebelpl.2025-06.xml";
  const outDir = join(here, ".tmp", "value-mapping", "api-v2.0");
  const [route] = resolveConfig({ routes: [{ name: "api-v2.0", kind: "api", path: "api/v2.0", source: { kind: "file", path: join(fixturesDir, fixture) }, outDir, ...mapped }] }, here);
  const { files } = generateFiles(readFileSync(join(fixturesDir, fixture), "utf8"), basename(fixture), route!);
  const text = (name: string) => files.get(name) ?? "";

  it("types dates as Date and decimals/Int64 as numeric template literal strings", () => {
    expect(text("sales-order.ts")).toMatch(/readonly orderDate: Date( \| null)?;/);
    expect(text("sales-order.ts")).toMatch(/readonly totalAmountIncludingTax: `\$\{number\}`( \| null)?;/);
    expect(text("sales-order.ts")).toMatch(/orderDate\?: Date( \| null)?;/);
    expect(text("customer.ts")).toMatch(/readonly lastModifiedDateTime: Date \| null;/);
  });

  it("gives the registry the route's codec with a conversion table that follows navigation", () => {
    const registry = text("registry.ts");
    expect(registry).toContain('createTypeRegistry("api/v2.0", createValueCodec({');
    expect(registry).toContain('dates: "Date"');
    const order = /"Microsoft\.NAV\.salesOrder": \{([^}]*)\}/.exec(registry)?.[1] ?? "";
    expect(order).toContain('orderDate: "Edm.Date"');
    expect(order).toContain('totalAmountIncludingTax: "Edm.Decimal"');
    expect(order).toContain('salesOrderLines: "Microsoft.NAV.salesOrderLine"');
    expect(order).not.toContain('number: "Edm.String"');
    expect(text("index.ts")).toContain("codec: registry.codec,");
  });

  it("keeps openapi.json on the wire form (numbers and ISO strings)", () => {
    const schema = JSON.parse(text("openapi.json")).components.schemas.SalesOrder.properties;
    expect(schema.totalAmountIncludingTax.type).toEqual(["number", "null"]);
    expect(schema.orderDate.format).toBe("date");
  });

  it("compiles under strict tsc, and paths.ts describes the wire (Wire<T>) for raw openapi-fetch", async () => {
    rmSync(outDir, { recursive: true, force: true });
    await writeOutput(outDir, files);
    writeFileSync(join(outDir, "consumer-check.ts"), [
      'import type { SalesOrder, SalesOrderCreate } from "./sales-order.js";',
      'import type { paths } from "./paths.js";',
      "declare const order: SalesOrder;",
      "export const day: Date | null = order.orderDate;",
      "export const amount: string | null = order.totalAmountIncludingTax;",
      'type WireOrder = paths["/companies({company_id})/salesOrders({id})"]["get"]["responses"][200]["content"]["application/json"];',
      "declare const wire: WireOrder;",
      "export const wireDay: string | null = wire.orderDate;",
      "export const wireAmount: number | null = wire.totalAmountIncludingTax;",
      'export const input: SalesOrderCreate = { orderDate: new Date(), discountAmount: "12.50" };',
      "// @ts-expect-error a decimal string must be numeric",
      'export const bad: SalesOrderCreate = { discountAmount: "twelve" };',
      "",
    ].join("\n"));
    const { diagnostics } = typecheck(outDir);
    expect(diagnostics).toEqual([]);
  }, 240_000);
});

describe("a client generated with dates: \"Date\" and decimal: \"string\", against the emulator", () => {
  let emu: Emulator;
  const dir = join(here, ".tmp", "value-mapping-emulator");
  beforeAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    emu = await startEmulator({ port: 0 });
  }, 60_000);
  afterAll(() => emu?.close());

  it("creates, reads, filters and updates with Date objects and decimal strings over HTTP", async () => {
    const credential = new ClientSecretProvider({ tenantId: emu.tenantId, clientId: emu.clientId, clientSecret: emu.clientSecret, authorityHost: emu.authorityHost, ca: emu.caPem });
    const source = { kind: "url" as const, url: emu.serviceRootUrl("api/v2.0"), credential };
    await generate({ routes: [{ name: "api-v2.0", kind: "api", path: "api/v2.0", source, outDir: "out", entitySets: ["companies", "customers"], dates: "Date", decimal: "string" }], cwd: dir });
    const generated = await import(pathToFileURL(join(dir, "out", "index.ts")).href);
    const { createODataClient } = await import("@bcts/odata");
    // Loaded at run time, so untyped here; the types are checked by the strict tsc test above.
    const bc: any = createODataClient(generated.apiV2_0, { tenantId: emu.tenantId, environment: emu.environment, baseUrl: emu.bcBaseUrl, credential });
    let companyId = "";
    for await (const c of bc.companies.list({ select: ["id"] })) {
      companyId = c.id;
      break;
    }
    const customers = bc.company(companyId).customers;
    const created = await customers.create({ displayName: "Value Mapping Ltd", creditLimit: "1234.50" });
    expect(created.lastModifiedDateTime).toBeInstanceOf(Date);
    expect(typeof created.creditLimit).toBe("string");
    expect(Number(created.creditLimit)).toBe(1234.5);
    const since = new Date(created.lastModifiedDateTime.getTime() - 1000);
    const found = [];
    for await (const c of customers.list({ filter: (f: any) => f.lastModifiedDateTime.ge(since).and(f.displayName.eq("Value Mapping Ltd")) })) found.push(c);
    expect(found.map((c: { id: string }) => c.id)).toEqual([created.id]);
    const updated = await customers.byId(created.id).update({ creditLimit: "99.99" }, { etag: created["@odata.etag"] });
    expect(updated.creditLimit).toBe("99.99");
    expect(updated.lastModifiedDateTime.getTime()).toBeGreaterThanOrEqual(created.lastModifiedDateTime.getTime());
  }, 120_000);
});
