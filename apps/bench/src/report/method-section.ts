import type { BenchResults } from "../bench-results.js";

/** How each number is obtained (prose; the parameters come from the run). */
export function methodSection(results: BenchResults, features: readonly string[]): string[] {
  return [
    "## Method",
    "",
    "Run it: `pnpm bench` from the repository root (or `pnpm --filter @bcts/bench bench -- --runs 1 --no-doc` for a quick look). Options: `--runs N`, `--iterations N`, `--no-doc`. Work files go to `apps/bench/.work/` (gitignored); raw results to `apps/bench/.work/results.json`.",
    "",
    "**Same input.** Every tool reads the same fixture file, byte for byte (copied to `<serviceName>.xml` because SAP derives the service name from the file name and fails on dots).",
    "",
    `**Generation.** Each generator runs as a child process under GNU \`/usr/bin/time -v\` — wall time from the parent, peak RSS = \"Maximum resident set size\" of the child — ${results.runs} times into an emptied folder; the median is reported. Peers run their published CLIs with \`node <bin>\`: \`odata2ts -s <file> -o src -m all -e ts -name <Service>\` (models, Q-objects and services, the tool's default bundled mode) and \`generate-odata-client -i in -o src --overwrite --skipValidation\` (TypeScript, not transpiled). bcts runs its programmatic API \`generate({ routes: [{ kind, path, source: { kind: "file" }, outDir }] })\` from a script that the bench bundles once with esbuild (workspace sources inlined, third-party packages left in node_modules), so the timed process is plain \`node\` on JavaScript like the peers' published \`dist/\`, not tsx transpiling on the fly.`,
    "",
    "**Output size.** Files and lines of the `.ts` files each tool wrote (lines = newline count).",
    "",
    `**What each tool loses.** The document is parsed with fast-xml-parser and every ${features.join(", ")} is listed with its owner (stream = \`Property Type=\"Edm.Stream\"\`; bound = \`Action\`/\`Function\` with \`IsBound=\"true\"\`, owner = the binding parameter's type). Then each tool's generated files are scanned for that item *where the tool would put it*: odata2ts — \`export interface <type>\` in the model file, navigation = a member of it, bound operation = a \`<type>_Q<name>\` operation class, enum = \`export enum\`; SAP — the entity class whose header says \`represents the entity "<set>"\` for a set of that type, navigation = a member of that class, bound operation = a method of it, enum = \`export enum\` (case-insensitive); bcts — the \`registry.define({ name: \"<ns>.<type>\", … })\` descriptor, navigation = a \`navigation: { <name>: { target } }\` entry, bound operation = an \`actions\`/\`functions\` entry with that name, stream = a \`streams\` entry, enum = \`export const <Enum> = {…}\` (Contract 1 in docs/architecture.md). A stream property only counts as kept when its type is binary content (Blob/ArrayBuffer/Uint8Array/stream) or, for bcts, a stream descriptor — a \`string\` (odata2ts) or \`any\` (SAP) member does not let you download or upload the content. Counting is by name within the owning type, so a name that appears elsewhere does not count.`,
    "",
    "**Type-check.** `tsc --noEmit` (TypeScript from apps/bench) in a child process under GNU time, the same strict options for every tool (`strict`, `skipLibCheck`, `module ESNext`, `moduleResolution Bundler`; bcts adds `customConditions: [\"@bcts/source\"]` because the workspace runtime has no `dist/`, so bcts's *runtime sources* are type-checked too, while the peers' runtimes are `.d.ts` skipped by `skipLibCheck`). The output check includes every generated file; the consumer check includes `main.ts` + `queries.ts` and whatever they import. A compiler crash (e.g. `RangeError: Maximum call stack size exceeded`) is reported as \"tsc crashed\", never as a time.",
    "",
    `**Runtime overhead.** A child process per tool loads \`consumers/<tool>/queries.ts\`, runs all five queries once (rows read are printed, to show the consumer works), then times query 2 (customers with \`$select\` + \`$filter\`) through the client and the same request through raw \`fetch\` + \`res.json()\`, interleaved, ${results.iterations} times each after a warm-up; median ms per request, then the median over ${results.runs} child runs of client/raw. The server is a local node:http stub on 127.0.0.1:0 started by the bench (\`apps/bench/src/runtime/canned-server.ts\`): it answers canned BC-shaped JSON for the five URLs, honours \`$select\` and \`$top\`, caches each answer, and checks the bearer token — so the ratio is client cost over a fixed, tiny server cost (loopback). It exaggerates relative overhead compared with a real BC round trip (tens to hundreds of ms).`,
    "",
    "**Bundle.** esbuild (`bundle`, `minify`, `platform: node`, `format: esm`) of `consumers/<tool>/main.ts`, then gzip level 9 of the output. Platform node because SAP's runtime needs Node built-ins.",
    "",
    "**Consumers.** Written once per tool with that tool's idiomatic API. SAP has no typed `$expand` on BC (no navigation properties survive), so its query 5 uses `addCustomQueryParameters({ $expand })`; SAP also has no notion of the `companies({id})/` prefix, so company-scoped requests put it into the destination URL. The bcts consumer uses the committed generated client (`packages/client/src/generated/api-v2.0`) through `@bcts/client`.",
    "",
  ];
}
