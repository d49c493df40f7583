// Regenerates the committed golden outputs: node --conditions=@bcts/source --import tsx packages/codegen/test/update-goldens.ts
import { basename } from "node:path";
import { generateFiles } from "../src/generate-files.js";
import { writeOutput } from "../src/print/write-output.js";
import { goldenCases } from "./golden-cases.js";

for (const c of goldenCases) {
  const { files, notes } = generateFiles(c.xml(), basename(c.fixture), c.route);
  await writeOutput(c.route.outDir, files);
  console.log(`${c.fixture}: ${files.size} files → ${c.route.outDir}${notes.length ? `\n  notes: ${notes.join("\n  ")}` : ""}`);
}
