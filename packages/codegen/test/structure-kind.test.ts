import { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";
import { describe, expect, it } from "vitest";
import { StructureKind } from "../src/emit/structure-kind.js";

describe("StructureKind (emit's copy of ts-morph's enum values)", () => {
  it("has the values of the installed ts-morph", () => {
    const real = (createRequire(import.meta.url)("ts-morph") as typeof TsMorph).StructureKind;
    for (const [name, value] of Object.entries(StructureKind)) expect([name, value]).toEqual([name, real[name as keyof typeof real]]);
  });
});
