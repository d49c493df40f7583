import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packagedMetadataFile } from "../src/bc/bc-server-options.js";
import { parseMetadata } from "../src/bc/metadata/parse-metadata.js";
import { MetadataError } from "../src/bc/metadata/metadata-error.js";

const fixtureDir = new URL("../../../fixtures/bc-metadata/", import.meta.url).pathname;
const fixtures = readdirSync(fixtureDir).filter((f) => f.endsWith(".xml"));

// Expected counts from fixtures/bc-metadata/SOURCES.md (counted there with an independent XML parser).
const expected: Record<string, { types: number; sets: number; enums: number }> = {
  "api-v2.0.rebelpl.2025-05.raw-minified.xml": { types: 86, sets: 86, enums: 34 },
  "api-v2.0.rebelpl.2025-06.xml": { types: 87, sets: 87, enums: 34 },
  "api-v2.0.erlorenz-bc-codegen.2025-08.xml": { types: 87, sets: 87, enums: 34 },
  "api-v1.0.gedasb-d365bcapi.2020.xml": { types: 54, sets: 54, enums: 0 },
  "odatav4.coolrunner-business-central-php.xml": { types: 168, sets: 167, enums: 1 },
  "odatav4.ronak000-myportal.connected-service-csdl.xml": { types: 82, sets: 81, enums: 1 },
  "odatav4.poloio-bc-odatav4-test.connected-service-csdl.xml": { types: 84, sets: 83, enums: 1 },
};

describe("parseMetadata over every real fixture", () => {
  it("finds all seven fixtures", () => {
    expect(fixtures.sort()).toEqual(Object.keys(expected).sort());
  });
  it.each(fixtures)("%s loads with the counts SOURCES.md reports", (file) => {
    const model = parseMetadata(readFileSync(join(fixtureDir, file), "utf8"));
    const want = expected[file]!;
    expect(model.entityTypes.size).toBe(want.types);
    expect(model.entitySets.size).toBe(want.sets);
    expect(model.enumTypes.size).toBe(want.enums);
    for (const set of model.entitySets.values()) expect(model.entityTypes.has(set.entityType)).toBe(true);
  });
});

describe("parseMetadata: API v2.0 structure (bc-metadata-structure.md)", () => {
  const xml = readFileSync(packagedMetadataFile("api-v2.0.xml"), "utf8");
  const model = parseMetadata(xml);

  it("keeps the document byte-for-byte for $metadata", () => {
    expect(model.document).toBe(xml);
    expect(xml).toBe(readFileSync(join(fixtureDir, "api-v2.0.erlorenz-bc-codegen.2025-08.xml"), "utf8"));
  });
  it("§7 reads capability annotations: companies read-only, customers writable, entityDefinitions unannotated", () => {
    expect(model.entitySets.get("companies")!.capabilities).toEqual({ insertable: false, updatable: false, deletable: false });
    expect(model.entitySets.get("customers")!.capabilities).toEqual({ insertable: true, updatable: true, deletable: true });
    expect(model.entitySets.get("customerFinancialDetails")!.capabilities.insertable).toBe(false);
  });
  it("§4 reads containment, collection-ness and referential constraints", () => {
    const order = model.entityTypes.get("Microsoft.NAV.salesOrder")!;
    expect(order.navigation.get("salesOrderLines")).toMatchObject({ collection: true, containsTarget: true, target: "Microsoft.NAV.salesOrderLine", constraints: [{ property: "id", referencedProperty: "documentId" }] });
    expect(order.navigation.get("customer")).toMatchObject({ collection: false, constraints: [{ property: "customerId", referencedProperty: "id" }] });
  });
  it("§5 reads typed and composite keys", () => {
    expect(model.entityTypes.get("Microsoft.NAV.customer")!.keys).toEqual(["id"]);
    expect(model.entityTypes.get("Microsoft.NAV.customerSale")!.keys).toEqual(["customerId", "customerNumber", "name"]);
    expect(model.entityTypes.get("Microsoft.NAV.subscriptions")!.properties.get("subscriptionId")!.type).toEqual({ kind: "primitive", name: "Edm.String" });
  });
  it("§8 keeps encoded enum member names and sparse values", () => {
    const status = model.enumTypes.get("Microsoft.NAV.invoiceEntityAggregateStatus")!;
    expect(status.members.map((m) => m.name)).toContain("In_x0020_Review");
    expect(model.entityTypes.get("Microsoft.NAV.customer")!.properties.get("blocked")!.type).toEqual({ kind: "enum", name: "Microsoft.NAV.customerBlocked" });
  });
  it("§12 reads overloaded bound actions", () => {
    const posts = model.boundActions.filter((a) => a.name === "post").map((a) => a.bindingType);
    expect(posts).toContain("Microsoft.NAV.salesInvoice");
    expect(posts.length).toBeGreaterThanOrEqual(4);
  });
  it("§11 types Edm.Stream properties", () => {
    expect(model.entityTypes.get("Microsoft.NAV.picture")!.properties.get("pictureContent")!.type).toEqual({ kind: "primitive", name: "Edm.Stream" });
  });
  it("rejects a document that is not EDMX with a MetadataError", () => {
    expect(() => parseMetadata("<html/>")).toThrow(MetadataError);
  });
});
