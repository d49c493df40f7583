import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stageOutput, writeOutput } from "../src/print/write-output.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "bcts-write-output-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const contents = async (outDir: string): Promise<Record<string, string>> => {
  const names = (await readdir(outDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(outDir.length + 1));
  return Object.fromEntries(await Promise.all(names.sort().map(async (name) => [name, await readFile(join(outDir, name), "utf8")] as const)));
};

describe("stageOutput", () => {
  it("fills prepared files whether the text comes before or after their creation, and writes unprepared ones plainly", async () => {
    const outDir = join(dir, "out");
    const output = await stageOutput(outDir);
    output.prepare("early.ts");
    output.prepare("sub/late.ts");
    output.write("early.ts", "early\n"); // not created yet: written once it is
    await new Promise((resolve) => setTimeout(resolve, 20));
    output.write("sub/late.ts", "late ü\n"); // created by now: filled at once
    output.write("plain.json", "{}\n");
    await output.commit();
    await output.discard();
    expect(await contents(outDir)).toEqual({ "early.ts": "early\n", "plain.json": "{}\n", "sub/late.ts": "late ü\n" });
  });

  it("commits exactly what was written: a prepared file never written is not in the output", async () => {
    const outDir = join(dir, "out");
    await writeOutput(outDir, new Map([["old.ts", "old\n"]]));
    const output = await stageOutput(outDir);
    output.prepare("a.ts");
    output.prepare("never.ts");
    output.write("a.ts", "a\n");
    await output.commit();
    expect(await contents(outDir)).toEqual({ "a.ts": "a\n" });
    expect(await readdir(dir)).toEqual(["out"]);
  });

  it("discard removes the private folder, prepared files included, and leaves the old output", async () => {
    const outDir = join(dir, "out");
    await writeOutput(outDir, new Map([["old.ts", "old\n"]]));
    const output = await stageOutput(outDir);
    output.prepare("a.ts");
    output.write("a.ts", "a\n");
    output.prepare("b.ts");
    await output.discard();
    expect(await readdir(dir)).toEqual(["out"]);
    expect(await contents(outDir)).toEqual({ "old.ts": "old\n" });
    expect(() => output.write("c.ts", "c\n")).toThrow(/already committed or discarded/);
  });
});
