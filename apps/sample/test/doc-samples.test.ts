import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { extractDocSamples, markdownFiles } from "./doc-samples.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));

describe("every TypeScript sample in the docs compiles", () => {
  const samples = extractDocSamples(root, markdownFiles(root));

  test("the docs have samples to check", () => {
    expect(samples.length).toBeGreaterThan(0);
  });

  test("all samples type-check against the workspace packages", () => {
    // Inside apps/sample so that workspace packages resolve as they would for a user.
    const dir = join(root, "apps/sample/.tmp/doc-samples");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const compiled = samples.filter((s) => s.skip === undefined);
    const files = compiled.map((s, i) => {
      const path = join(dir, `sample-${i}.ts`);
      // Each sample is its own module, so top-level names and await do not clash.
      writeFileSync(path, `${s.code}\nexport {};\n`);
      return path;
    });
    const program = ts.createProgram(files, {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      customConditions: ["@bcts/source"],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ["node"],
      lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const index = d.file ? files.indexOf(d.file.fileName) : -1;
      const sample = compiled[index];
      const where = sample && d.file && d.start !== undefined ? `${sample.file}:${sample.line} (+${d.file.getLineAndCharacterOfPosition(d.start).line})` : "?";
      return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
    rmSync(dir, { recursive: true, force: true });
    expect(problems).toEqual([]);
  }, 120_000);
});
