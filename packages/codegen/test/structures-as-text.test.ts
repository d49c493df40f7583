import type { ImportDeclarationStructure, InterfaceDeclarationStructure, PropertySignatureStructure, StatementStructures } from "ts-morph";
import { expect, it } from "vitest";
import { StructureKind } from "../src/emit/structure-kind.js";
import { importText } from "../src/print/import-text.js";
import { interfaceText } from "../src/print/interface-text.js";
import { printFiles } from "../src/print/print-files.js";

const property = (name: string, type: string, extra: Partial<PropertySignatureStructure> = {}): PropertySignatureStructure => ({ kind: StructureKind.PropertySignature, name, type, ...extra });
const face = (extra: Partial<InterfaceDeclarationStructure>): InterfaceDeclarationStructure => ({ kind: StructureKind.Interface, name: "A", ...extra });

const cases: InterfaceDeclarationStructure[] = [
  face({}),
  face({ isExported: true, docs: ["An A."], properties: [] }),
  face({ isExported: false, extends: ["B", "C<\"x\">"], properties: [property("id", "string", { isReadonly: true })] }),
  face({ extends: [], properties: [property("a", "number | null", { hasQuestionToken: true, docs: ["One.", "Two."] }), property("\"@odata.etag\"", "string", { isReadonly: true, hasQuestionToken: true })] }),
  face({ properties: [property("a", "\"O'Brien\"")] }),
  face({ docs: ["Customer's (O'Brien) \"name\" in `code`, a/b, \\ // /* not a comment."], properties: [property("b", "'it''s' | \"x\"", { docs: ["It's."] })] }),
  // outside the shape: printed by ts-morph (interfaceText returns undefined)
  face({ properties: [property("\"a/b\"", "string")] }),
  face({ properties: [property("a", "{\n  b: string;\n}")] }),
  face({ properties: [property("a", "\"x\\\"y\"")] }),
  face({ docs: [" padded "], properties: [property("a", "string", { docs: ["two\nlines"] })] }),
  face({ typeParameters: ["T"], properties: [property("a", "T")] }),
  face({ properties: [property("a", "string", { initializer: "1" } as Partial<PropertySignatureStructure>)] }),
];

it("prints interfaces of emit's shape as ts-morph does, and leaves anything else to ts-morph", () => {
  const statements: (string | StatementStructures)[] = ["import { x } from \"y\";", ...cases.flatMap((c) => [c, "const z = 1;"]), ...cases];
  const files = [{ kind: "typescript" as const, fileName: "a.ts", statements }];
  expect(printFiles(files, "// banner").get("a.ts")).toBe(printFiles(files, "// banner", { structuresAsText: false }).get("a.ts"));
  expect(cases.map((c) => interfaceText(c) !== undefined)).toEqual([true, true, true, true, true, true, false, false, false, false, false, false]);
});

const imports: ImportDeclarationStructure[] = [
  { kind: StructureKind.ImportDeclaration, moduleSpecifier: "@bcts/odata", namedImports: ["type EntityModel", "defineEntitySet"] },
  { kind: StructureKind.ImportDeclaration, moduleSpecifier: "./registry.js", isTypeOnly: true, namedImports: ["ModelOf", "$x"] },
  { kind: StructureKind.ImportDeclaration, moduleSpecifier: "../a-b/c_d.js", isTypeOnly: false, namedImports: ["A"] },
  // outside the shape: printed by ts-morph (importText returns undefined)
  { kind: StructureKind.ImportDeclaration, moduleSpecifier: "x", namedImports: [] },
  { kind: StructureKind.ImportDeclaration, moduleSpecifier: "x\"y", namedImports: ["A"] },
  { kind: StructureKind.ImportDeclaration, moduleSpecifier: "x", defaultImport: "D", namedImports: ["A"] },
  { kind: StructureKind.ImportDeclaration, moduleSpecifier: "x", namespaceImport: "N" },
  { kind: StructureKind.ImportDeclaration, moduleSpecifier: "x", namedImports: [{ name: "A", alias: "B" }] },
  { kind: StructureKind.ImportDeclaration, moduleSpecifier: "x", namedImports: ["A as B"] },
];

it("prints imports of emit's shape as ts-morph does, and leaves anything else to ts-morph", () => {
  const statements: (string | StatementStructures)[] = [...imports, "const z = 1;", ...imports, cases[1]!, ...imports];
  const files = [{ kind: "typescript" as const, fileName: "a.ts", statements }];
  expect(printFiles(files, "// banner").get("a.ts")).toBe(printFiles(files, "// banner", { structuresAsText: false }).get("a.ts"));
  expect(imports.map((i) => importText(i) !== undefined)).toEqual([true, true, true, false, false, false, false, false, false]);
});

it("joins text-only files as ts-morph does (blank line after a closing brace, else a line break)", () => {
  const texts = ["const a = 1;", "function f() {\n}", "}  ", "x }\n", "y }\n\n", "", "z", "  }\t", "type T = {\n  a: 1;\n};", "/** doc */", "export {};", "\n", "q\u00a0}\u00a0", "w"];
  for (let i = 0; i < texts.length; i++) {
    const statements = [...texts.slice(i), ...texts.slice(0, i)];
    const files = [{ kind: "typescript" as const, fileName: "a.ts", statements }];
    expect(printFiles(files, "// banner").get("a.ts"), JSON.stringify(statements)).toBe(printFiles(files, "// banner", { standIns: false }).get("a.ts"));
  }
});

it("prints emit's export and type alias statements as ts-morph does", () => {
  const statements: StatementStructures[] = [
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: "./a.js" },
    { kind: StructureKind.TypeAlias, isExported: true, name: "A", type: "(typeof A)[keyof typeof A]" },
    { kind: StructureKind.TypeAlias, name: "B", type: "never", docs: ["A B."] },
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: "./b.js" },
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: "./c.js", namedExports: ["C"] },
    { kind: StructureKind.TypeAlias, name: "C", type: "{\n  c: 1;\n}" },
  ];
  const files = [{ kind: "typescript" as const, fileName: "a.ts", statements }];
  expect(printFiles(files, "// banner").get("a.ts")).toBe(printFiles(files, "// banner", { structuresAsText: false }).get("a.ts"));
});
