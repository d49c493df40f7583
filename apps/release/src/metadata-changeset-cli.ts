// After regenerating a client from a newer $metadata snapshot, write the changeset whose bump
// codegen's diff decides:
//   node scripts/pnpm.mjs --filter @bcts/release run metadata-changeset \
//     --new packages/client/metadata/api-v2.0.xml [--old <file>] [--package @bcts/client] [--route api/v2.0] [--kind api]
// Paths are relative to the repository root. Without --old, the old snapshot is the --new file as
// committed at HEAD (so: regenerate, then run this before committing).
import { readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runChecked, runCommand } from "./run-command.js";
import { writeMetadataChangeset } from "./write-metadata-changeset.js";

const repoRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const args = process.argv.slice(2);
const { values } = parseArgs({
  args: args[0] === "--" ? args.slice(1) : args,
  options: {
    new: { type: "string" },
    old: { type: "string" },
    package: { type: "string", default: "@bcts/client" },
    route: { type: "string", default: "api/v2.0" },
    kind: { type: "string", default: "api" },
  },
});
if (!values.new || (values.kind !== "api" && values.kind !== "odatav4")) {
  console.error("usage: metadata-changeset --new <snapshot.xml> [--old <snapshot.xml>] [--package @bcts/client] [--route api/v2.0] [--kind api|odatav4]");
  process.exit(2);
}
const newPath = join(repoRoot, values.new);
const before = values.old
  ? await readFile(join(repoRoot, values.old), "utf8")
  : (await runChecked(runCommand, "git", ["show", `HEAD:${relative(repoRoot, newPath).split("\\").join("/")}`], { cwd: repoRoot })).stdout;
const written = await writeMetadataChangeset(repoRoot, before, await readFile(newPath, "utf8"), { packageName: values.package, route: values.route, kind: values.kind });
console.log(written ? `${written.bump}: wrote ${relative(repoRoot, written.path)}\n${written.summary}` : "no API changes: no changeset written");
