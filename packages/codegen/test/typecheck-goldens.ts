// Prints tsc time and diagnostics per golden folder: node --conditions=@bcts/source --import tsx packages/codegen/test/typecheck-goldens.ts
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { goldenDir } from "./golden-cases.js";
import { typecheck } from "./typecheck.js";

for (const folder of readdirSync(goldenDir).filter((f) => statSync(join(goldenDir, f)).isDirectory()).sort()) {
  const started = performance.now();
  const { files, diagnostics } = typecheck(join(goldenDir, folder));
  console.log(`${folder}: ${files} files, ${(performance.now() - started).toFixed(0)} ms, ${diagnostics.length} diagnostics`);
  for (const d of diagnostics.slice(0, 8)) console.log(`  ${d}`);
}
