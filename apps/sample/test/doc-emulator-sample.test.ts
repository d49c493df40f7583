import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { extractDocSamples } from "./doc-samples.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));

// docs/emulator.md's test example is complete code: beyond compiling it (doc-samples.test.ts), run it.
test("the emulator guide's example runs: the injected 503 is retried and the item is created", () => {
  const [sample] = extractDocSamples(root, [join(root, "docs/emulator.md")]).filter((s) => s.code.includes("startEmulator(") && s.code.includes("faults.add("));
  expect(sample).toBeDefined();
  const dir = join(root, "apps/sample/.tmp/doc-run");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "emulator-guide.ts");
  writeFileSync(file, `${sample!.code}\nexport {};\n`);
  try {
    const result = spawnSync(process.execPath, ["--conditions=@bcts/source", "--import", "tsx", file], { cwd: root, encoding: "utf8", timeout: 60_000 });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/\[ 'POST 503', 'POST 201' \]/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
