import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { expect, it } from "vitest";
import { resolveConfig } from "../src/config/resolve-config.js";
import { generateFiles } from "../src/generate-files.js";
import { writeOutput } from "../src/print/write-output.js";
import { fixturesDir } from "./golden-cases.js";
import { typecheck } from "./typecheck.js";

const here = import.meta.dirname ?? __dirname;

it("types company.invoke by the generated Operations of a real ODataV4 document (name, parameters, result)", async () => {
  const fixture = "odatav4.coolrunner-business-central-php.xml";
  const outDir = join(here, ".tmp", "unbound-operations", "odatav4");
  const [route] = resolveConfig({ routes: [{ name: "ODataV4", kind: "odatav4", path: "ODataV4", source: { kind: "file", path: join(fixturesDir, fixture) }, outDir, dates: "Date", openapi: false }] }, here);
  const { files } = generateFiles(readFileSync(join(fixturesDir, fixture), "utf8"), basename(fixture), route!);
  rmSync(outDir, { recursive: true, force: true });
  await writeOutput(outDir, files);
  writeFileSync(join(outDir, "consumer-check.ts"), [
    'import { createODataClient } from "@bcts/odata";',
    'import { oDataV4 } from "./index.js";',
    'const company = createODataClient(oDataV4, { serviceRootUrl: "https://bc.contoso.test:7048/BC/ODataV4" }).company({ name: "CRONUS" });',
    'export const configured: Promise<boolean | null> = company.invoke("CompanySetupService_ConfigureCompany", { name: "x", address: null, address2: null, city: null, county: null, postCode: null, countryCode: null, phoneNo: null });',
    'export const none: Promise<number | null> = company.invoke("CS_WebUserFunctions_GetDateFormat");',
    "// dates: \"Date\" reaches operation parameters too",
    'export const ooo: Promise<void> = company.invoke("CS_ApprovalFunctions_SetOutOfOffice", { lCID: 1, approverId: "a", forwardToApproverId: "b", fromDate: new Date(), toDate: null });',
    "// @ts-expect-error no such operation",
    'void company.invoke("CompanySetupService_Configure", {});',
    "// @ts-expect-error name is a string",
    'void company.invoke("CS_WebUserFunctions_ValidateUser", { username: 1 });',
    "",
  ].join("\n"));
  const { diagnostics } = typecheck(outDir);
  expect(diagnostics).toEqual([]);
}, 240_000);
