import { rmSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as runtime from "@bcts/odata";
import { resolveConfig } from "../src/config/resolve-config.js";
import { CsdlParseError } from "../src/csdl/csdl-parse-error.js";
import { generateFiles } from "../src/generate-files.js";
import { writeOutput } from "../src/print/write-output.js";
import { edmx } from "./edmx.js";
import { CANARY, importOutput, scanOutput } from "./generated-output-checks.js";
import { typecheck } from "./typecheck.js";

/*
 * Property: whatever names and texts a $metadata document carries, codegen either refuses it with a
 * CsdlParseError, or its output (1) has no token taken from the document outside string literals
 * and comments, (2) loads without printing or throwing, and (3) compiles under strict tsc.
 *
 * What is checked for how many (honestly):
 * - RUNS documents (1,000) per run: generation, the refusal class, the TypeScript-scanner check
 *   (every .ts file) and the sandboxed import of index.ts (every module it loads: all but paths.ts,
 *   which is scanned and type-checked).
 * - The first TYPECHECKED (40) documents that generate: strict tsc, all in ONE program (one tsc
 *   run over 40 output folders takes seconds; 1,000 separate runs would take many minutes).
 * The seed is fixed so CI is repeatable; set BCTS_FUZZ_SEED to explore other documents locally.
 */
const RUNS = 1_000;
const TYPECHECKED = 40;
const seed = Number(process.env["BCTS_FUZZ_SEED"] ?? 20261205);

const canaryCall = `${CANARY}(1)`;
// Pieces of text that break naive generators: comment and string terminators, template holes,
// line separators, bidi overrides, XML specials, doc tags, prototype names, BC-encoded versions of all of these.
const TEXT_PIECES = [
  "*/", "/*", "//", "`", "${", "}", '"', "'", "\\", "\n", "\r", "\u2028", "\u2029", "\u202e", "\u200b", "\ufeff", "\u00ad",
  "<", ">", "&", "&amp;", "@deprecated", "@internal", " ", "\t", "é", "Ω", "𝒜", "\u0301", "</script>", "-->",
  `*/${canaryCall}/*`, `";${canaryCall};"`, `"+${canaryCall}+"`, `\${${canaryCall}}`, `\`;${canaryCall};\``, `\n${canaryCall}\n`, `\u2028${canaryCall}`, `'+${canaryCall}+'`,
  "__proto__", "constructor", "toString", "_x002A__x002F_", "_x0022_", "_x0060_", "_x0024__x007B_", "_x000A_", "_x2028_", "_x202E_", "_xD800_", "_x0000_",
];
// Name pieces: mostly characters a SimpleIdentifier allows (so the gate lets many documents through
// and the escaping is what is tested), plus client members, reserved words and raw hostile pieces.
const NAME_PIECES = [
  "a", "Z", "_", "0", "1", "é", "ß", "Ω", "ǅ", "\u0301", "𝒜", "x",
  "_x002A__x002F_", "_x002F__x002A_", "_x0060_", "_x0024__x007B_", "_x007D_", "_x0022_", "_x0027_", "_x005C_", "_x000A_", "_x2028_",
  "_x202E_", "_x0020_", "_x0031_", "_xD800_", "_x0000_", `_x002A__x002F_${CANARY}_x0028_1_x0029_`,
  "__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", "then", "invoke", "batch", "company", "set", "toUrl", "serviceRoot",
  "get", "update", "delete", "default", "class", "enum", "Array", "Object", "registry", "EntityModel", "index", "enums",
];
const RAW_NAME_PIECES = ["*/", "`", "${", '"', "'", " ", "-", ".", "/", "\u202e", "\u200b", "<", "&", canaryCall, "1st"];

// Characters XML forbids (a control character, a lone surrogate) are rare: any one refuses the whole document.
const text = fc.array(fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom(...TEXT_PIECES) },
  { weight: 10, arbitrary: fc.string({ maxLength: 6, unit: "grapheme" }) },
  { weight: 1, arbitrary: fc.constantFrom("\u0001", "\ud800", "\udfff", "\u001b[2J", "\ufffe") },
), { maxLength: 6 }).map((parts) => parts.join(""));
const START_PIECES = NAME_PIECES.filter((p) => /^[\p{L}_]/u.test(p));
const plausibleName = fc.tuple(fc.constantFrom(...START_PIECES), fc.array(fc.constantFrom(...NAME_PIECES), { maxLength: 2 })).map(([first, rest]) => [first, ...rest].join(""));
const rawName = fc.array(fc.oneof(fc.constantFrom(...NAME_PIECES), fc.constantFrom(...RAW_NAME_PIECES)), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(""));
// A document has about 15 names: 1 in 60 is raw (mostly refused by the gate), the rest pass it, so
// roughly a quarter of the documents are refused and the others test the escaping.
const name = fc.oneof({ weight: 59, arbitrary: plausibleName }, { weight: 1, arbitrary: rawName });
const names = (min: number, max: number) => fc.uniqueArray(name, { minLength: min, maxLength: max });

/** XML-escapes an attribute value; sometimes as character references, so the decoder is exercised too. */
function attr(value: string, numeric: boolean): string {
  return [...value].map((c) => {
    if (numeric && /[^A-Za-z0-9_]/.test(c)) return `&#${c.codePointAt(0)};`;
    return c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === '"' ? "&quot;" : c === ">" ? "&gt;" : c;
  }).join("");
}

const documentShape = fc.record({
  kind: fc.constantFrom("api" as const, "odatav4" as const),
  openapi: fc.boolean(),
  // Route options that change which emitters run and how names are spelled.
  naming: fc.record({ types: fc.constantFrom("pascal" as const, "preserve" as const), enumMembers: fc.constantFrom("decoded" as const, "pascal" as const) }),
  dates: fc.constantFrom("string" as const, "Date" as const),
  numeric: fc.boolean(),
  namespace: fc.oneof({ weight: 5, arbitrary: fc.constant("Microsoft.NAV") }, { weight: 1, arbitrary: name }),
  enumName: name,
  members: names(1, 3),
  complexName: name,
  complexProps: names(1, 2),
  types: fc.uniqueArray(name, { minLength: 1, maxLength: 2 }).chain((typeNames) => fc.tuple(...typeNames.map((typeName) => fc.record({
    name: fc.constant(typeName),
    props: names(0, 3),
    set: name,
    nav: name,
    stream: fc.option(name, { nil: undefined }),
    action: name,
    actionParams: names(0, 2),
  })))),
  operation: name,
  operationParams: names(0, 3),
  texts: fc.array(text, { minLength: 6, maxLength: 6 }),
});
type Shape = typeof documentShape extends fc.Arbitrary<infer T> ? T : never;

function documentOf(shape: Shape): string {
  const a = (value: string) => attr(value, shape.numeric);
  const ns = a(shape.namespace);
  const describe = (i: number) => `<Annotation Term="Org.OData.Core.V1.Description" String="${a(shape.texts[i % shape.texts.length]!)}"/>`;
  const typeXml = shape.types.map((t, i) => {
    // Property names must differ from "id" and from the navigation and stream names (the document would be refused as a duplicate otherwise).
    const taken = new Set(["id", t.nav, ...(t.stream === undefined ? [] : [t.stream])]);
    const props = t.props.filter((p) => !taken.has(p));
    const types = ["Edm.String", "Edm.Int32", `${ns}.${a(shape.enumName)}`, `${ns}.${a(shape.complexName)}`, "Edm.Decimal"];
    return `<EntityType Name="${a(t.name)}"><Key><PropertyRef Name="id"/></Key><Property Name="id" Type="Edm.Guid" Nullable="false"/>${
      props.map((p, j) => `<Property Name="${a(p)}" Type="${types[j % types.length]}">${describe(i + j)}</Property>`).join("")}${
      t.stream !== undefined && t.stream !== t.nav ? `<Property Name="${a(t.stream)}" Type="Edm.Stream"/>` : ""}${
      t.nav !== "id" ? `<NavigationProperty Name="${a(t.nav)}" Type="${ns}.${a(shape.types[(i + 1) % shape.types.length]!.name)}"/>` : ""}${describe(i + 3)}</EntityType>` +
      `<Action Name="${a(t.action)}" IsBound="true"><Parameter Name="bindingParameter" Type="${ns}.${a(t.name)}"/>${
        t.actionParams.filter((p) => p !== "bindingParameter").map((p) => `<Parameter Name="${a(p)}" Type="Edm.String"/>`).join("")}<ReturnType Type="${ns}.${a(shape.enumName)}"/></Action>`;
  }).join("");
  const complex = shape.enumName === shape.complexName ? "" : `<ComplexType Name="${a(shape.complexName)}">${shape.complexProps.map((p) => `<Property Name="${a(p)}" Type="Edm.String"/>`).join("")}</ComplexType>`;
  const sets = [...new Map(shape.types.map((t) => [t.set, t])).values()];
  const container = `<EntityContainer Name="NAV">${sets.map((t) => `<EntitySet Name="${a(t.set)}" EntityType="${ns}.${a(t.name)}">${describe(1)}</EntitySet>`).join("")}${
    sets.some((t) => t.set === shape.operation) ? "" : `<ActionImport Name="${a(shape.operation)}" Action="${ns}.${a(shape.operation)}"/>`}</EntityContainer>`;
  const unbound = `<Action Name="${a(shape.operation)}">${shape.operationParams.map((p) => `<Parameter Name="${a(p)}" Type="Edm.Int32"/>`).join("")}<ReturnType Type="Edm.String"/></Action>`;
  const enumXml = `<EnumType Name="${a(shape.enumName)}">${shape.members.map((m, i) => `<Member Name="${a(m)}" Value="${i}">${describe(i + 2)}</Member>`).join("")}</EnumType>`;
  // Type names that collide (an entity type named like the enum) are refused as duplicates: part of the property too.
  return edmx(`${enumXml}${complex}${typeXml}${unbound}${container}`, { namespace: shape.namespace === "Microsoft.NAV" ? "Microsoft.NAV" : ns });
}

const here = import.meta.dirname ?? __dirname;
const sampleDir = join(here, ".tmp", "hostile-documents");

describe("hostile documents: refused with a CsdlParseError, or safe output", () => {
  const generated: { files: ReadonlyMap<string, string>; index: number }[] = [];
  const counts = { refused: 0, generated: 0, modelRefused: 0 };

  it(`${RUNS} documents: no document text becomes code, importing prints and throws nothing`, () => {
    let index = 0;
    fc.assert(fc.property(documentShape, (shape) => {
      const xml = documentOf(shape);
      const [route] = resolveConfig({ routes: [{ name: "fuzz", kind: shape.kind, path: shape.kind === "api" ? "api/fuzz/x/v1.0" : "ODataV4", source: { kind: "file", path: "unused.xml" }, outDir: join(sampleDir, "unused"), openapi: shape.openapi, naming: shape.naming, dates: shape.dates }] }, here);
      let files: ReadonlyMap<string, string>;
      try {
        files = generateFiles(xml, "fuzz.xml", route!).files;
      } catch (error) {
        // The only refusal a document's names and texts may cause is a CsdlParseError naming the element.
        if (!(error instanceof CsdlParseError)) throw error;
        expect(error.at).toMatch(/^\/Edmx|^line \d+/);
        counts.refused++;
        return;
      }
      counts.generated++;
      expect(scanOutput(files)).toEqual([]);
      const loaded = importOutput(files, runtime);
      expect(loaded.thrown).toBeUndefined();
      expect(loaded.printed).toEqual([]);
      if (generated.length < TYPECHECKED) generated.push({ files, index: index++ });
    }), { numRuns: RUNS, seed });
    // The generator must exercise both outcomes, or the property says little.
    expect(counts.refused).toBeGreaterThan(RUNS / 20);
    expect(counts.generated).toBeGreaterThan(RUNS / 4);
  }, 120_000);

  it(`the first ${TYPECHECKED} generated outputs compile under strict tsc (one program)`, async () => {
    expect(generated.length).toBe(TYPECHECKED);
    rmSync(sampleDir, { recursive: true, force: true });
    for (const { files, index } of generated) await writeOutput(join(sampleDir, `doc-${index}`), files);
    const { diagnostics, files } = typecheck(sampleDir);
    expect(files).toBeGreaterThan(TYPECHECKED * 4);
    // Only the generated files are judged here; @bcts/odata's own sources are type-checked by its package.
    expect(diagnostics.filter((d) => d.startsWith("doc-"))).toEqual([]);
  }, 120_000);
});
