import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { generateFiles } from "../src/generate-files.js";
import { goldenCases } from "./golden-cases.js";

describe.each(goldenCases)("openapi.json of $fixture", (c) => {
  const doc = JSON.parse(generateFiles(c.xml(), basename(c.fixture), c.route).files.get("openapi.json")!) as {
    openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> };
  };

  it("is compact: at most two templates per entity set, none nested", () => {
    const sets = (doc.paths && Object.keys(doc.paths).filter((p) => !/\)$/.test(p))).length;
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).length).toBeLessThanOrEqual(sets * 2);
    for (const path of Object.keys(doc.paths)) expect(path.split("/").length, path).toBeLessThanOrEqual(3);
  });

  it("has no dangling $ref", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((r) => !(r in doc.components.schemas))).toEqual([]);
  });

  it("serializes array query options non-exploded ($select=a,b)", () => {
    const get = (Object.values(doc.paths)[0] as { get: { parameters: { name: string; style?: string; explode?: boolean }[] } }).get;
    expect(get.parameters.find((p) => p.name === "$select")).toMatchObject({ style: "form", explode: false });
  });
});
