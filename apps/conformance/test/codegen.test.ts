import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { createODataClient, ODataQueryError } from "@bcts/odata";
import { generateFiles, resolveConfig } from "@bcts/codegen";
import { generateClient, recordingTransport } from "../src/index.js";
import { all, useConformance } from "./conformance-context.js";

// What codegen makes of a non-BC document: the dialect, the scope of every set, the ETag rules.
const ctx = useConformance();
const BC_API = new URL("../../../fixtures/bc-metadata/api-v2.0.rebelpl.2025-06.xml", import.meta.url);
const BC_ODATAV4 = new URL("../../../fixtures/bc-metadata/odatav4.poloio-bc-odatav4-test.connected-service-csdl.xml", import.meta.url);

function generate(xml: string, kind: "api" | "odatav4", dialect?: "business-central" | "odata") {
  const [route] = resolveConfig({ routes: [{ name: "r", kind, path: kind === "api" ? "api/v2.0" : "ODataV4", source: { kind: "file", path: "x.xml" }, outDir: "/tmp/unused", openapi: false, ...(dialect ? { dialect } : {}) }] }, "/tmp");
  return generateFiles(xml, "fixture", route!).files;
}

describe("codegen on CAP's $metadata", () => {
  it("infers the odata dialect (no Microsoft.NAV / NAV schema or container)", () => {
    expect(ctx.route.dialect).toBe("odata");
  });

  it("puts every entity set at the service root (no companies set, so no company scoping)", () => {
    expect(Object.values(ctx.route.sets).map((s) => s.scope)).toEqual(Object.values(ctx.route.sets).map(() => "root"));
    expect(Object.keys(ctx.route.sets).sort()).toEqual(["Events", "OrderItems", "Orders", "Products", "Translations"]);
  });

  it("reads Core.OptimisticConcurrency per set: Orders has it, Products does not", () => {
    expect(ctx.route.sets["Orders"]!.optimisticConcurrency).toBe(true);
    expect(ctx.route.sets["Orders"]!.type.optimisticConcurrency).toBe(true);
    expect(ctx.route.sets["Products"]!.optimisticConcurrency).toBe(false);
    expect(ctx.route.sets["Products"]!.type.optimisticConcurrency).toBe(false);
  });

  it("collects the unbound operations at the root", () => {
    expect(Object.keys(ctx.route.operations).sort()).toEqual(["echo", "productCount", "resetEvents"]);
  });

  it("the root client lists a set at its plain URL", async () => {
    expect(ctx.client.Products.toUrl()).toBe(`${ctx.cap.serviceRoot}/Products`);
  });
});

describe("dialect set in the config wins over the document", () => {
  it("dialect: \"business-central\" on CAP's document gives BC's rules: cross-field or refused before sending", async () => {
    const generated = await generateClient(ctx.cap.serviceRoot, { dialect: "business-central" });
    try {
      const module = (await import(generated.indexFile)) as Record<string, any>;
      expect(module["conformance"].dialect).toBeUndefined();
      const transport = recordingTransport();
      const client: any = createODataClient(module["conformance"], { serviceRootUrl: ctx.cap.serviceRoot, retry: false, fetch: transport.fetch });
      const error = await (async () => all(client.Products.list({ filter: (f: any) => f.stock.eq(0).orAny(f.active.eq(false)) })))().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ODataQueryError);
      expect((error as Error).message).toMatch(/Business Central rejects "or" across different fields.*dialect "odata"/);
      expect(transport.requests).toHaveLength(0);
      await all(client.Products.list({ filter: (f: any) => f.stock.gt(0).not() }));
      expect(decodeURIComponent(new URL(transport.last()!.url).search)).toBe("?$filter=stock le 0");
    } finally {
      await generated.remove();
    }
  });
});

describe("codegen on Business Central documents (unchanged)", () => {
  it("API v2.0 infers business-central: no dialect line, company scoping from the companies set", async () => {
    const files = generate(await readFile(BC_API, "utf8"), "api");
    expect(files.get("index.ts")).not.toContain("dialect");
    expect(files.get("customer.ts")).toContain('scope: "company"');
    expect(files.get("company.ts")).toContain('scope: "root"');
    expect(files.get("customer.ts")).not.toContain("optimisticConcurrency");
  });

  it("ODataV4 infers business-central and scopes sets under Company", async () => {
    const files = generate(await readFile(BC_ODATAV4, "utf8"), "odatav4");
    expect(files.get("index.ts")).not.toContain("dialect");
    expect([...files.values()].some((text) => text.includes('scope: "company"'))).toBe(true);
  });

  it("dialect: \"odata\" on a BC document emits the odata dialect", async () => {
    const files = generate(await readFile(BC_API, "utf8"), "api", "odata");
    expect(files.get("index.ts")).toContain('dialect: "odata"');
  });

  it("a config dialect other than the two is a ConfigError naming the key", () => {
    expect(() => resolveConfig({ routes: [{ name: "r", kind: "api", path: "api/v2.0", source: { kind: "file", path: "x.xml" }, outDir: "o", dialect: "cap" }] }, "/tmp")).toThrow(/routes\[0\]\.dialect/);
  });
});
