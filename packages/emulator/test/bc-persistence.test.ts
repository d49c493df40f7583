import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startTestBc } from "./support/start-test-bc.js";

type Collection = { value: Record<string, unknown>[] };

describe("optional persistence to a JSON file", () => {
  it("data written in one run is there in the next; the seed is not applied twice", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "bcts-emu-")), "store.json");
    const first = await startTestBc({ persistFile: file });
    const created = await first.json<Record<string, unknown>>(`${first.company}/customers`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ displayName: "Persisted Ltd" }) });
    expect(created.status).toBe(201);
    await first.bc.close();
    expect(JSON.parse(readFileSync(file, "utf8")).format).toBe("bcts-emulator-store/1");

    const second = await startTestBc({ persistFile: file });
    try {
      const list = await second.json<Collection>(`${second.company}/customers?$select=id,displayName`);
      expect(list.body.value.map((c) => c["displayName"])).toContain("Persisted Ltd");
      expect(list.body.value).toHaveLength(6);
      const rows = second.bc.environment("0f8a7c3e-1111-4b2a-9c3d-5e6f7a8b9c0d").storeFor("api/v2.0").list("5c2a4b1e-8d3f-4e6a-9b7c-1f0e2d3c4b5a", "customers");
      expect(rows.map((r) => r.values["displayName"])).toContain("Persisted Ltd");
      const again = await second.json<Record<string, unknown>>(`${second.company}/customers(${String(created.body["id"])})`);
      expect(again.body["@odata.etag"]).toBe(created.body["@odata.etag"]);
    } finally {
      await second.bc.close();
    }
  });
});
