// The two documented shapes of a deleted entry in a delta payload, and what is an upsert.
import { describe, expect, it } from "vitest";
import { toDeltaChange } from "../src/index.js";

describe("toDeltaChange", () => {
  it("BC / OData 4.0: @odata.context ending in /$deletedEntity with the id property", () => {
    expect(toDeltaChange({ "@odata.context": "https://x/api/v2.0/$metadata#companies(1)/customers/$deletedEntity", id: "5c1e0000-0000-0000-0000-000000000001", reason: "deleted" })).toEqual({ kind: "delete", id: "5c1e0000-0000-0000-0000-000000000001" });
  });

  it("OData 4.0: id given as an entity-id URL → the key inside the parentheses", () => {
    expect(toDeltaChange({ "@odata.context": "#Customers/$deletedEntity", id: "Customers('O''Brien')", reason: "changed" })).toEqual({ kind: "delete", id: "O'Brien" });
  });

  it("OData 4.01: @removed with @id, or with the key property", () => {
    expect(toDeltaChange({ "@removed": { reason: "deleted" }, "@id": "customers(42)" })).toEqual({ kind: "delete", id: "42" });
    expect(toDeltaChange({ "@removed": { reason: "changed" }, id: "abc" })).toEqual({ kind: "delete", id: "abc" });
  });

  it("anything else is an upsert of the entry as it is, even one whose displayName mentions $deletedEntity", () => {
    const entry = { "@odata.etag": 'W/"1"', id: "a", displayName: "/$deletedEntity" };
    expect(toDeltaChange(entry)).toEqual({ kind: "upsert", entity: entry });
  });
});
