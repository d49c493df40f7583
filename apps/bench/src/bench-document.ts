import { join } from "node:path";
import { repoRoot } from "./paths.js";

/** A real BC $metadata document that every tool is run on. */
export interface BenchDocument {
  readonly id: string;
  readonly label: string;
  /** absolute path of the fixture */
  readonly file: string;
  /** a plain identifier for tools that derive names from it (SAP takes the file name) */
  readonly serviceName: string;
}

const fixtures = join(repoRoot, "fixtures", "bc-metadata");

export const benchDocuments: readonly BenchDocument[] = [
  {
    id: "api-v2.0",
    label: "API v2.0 (erlorenz 2025-08)",
    file: join(fixtures, "api-v2.0.erlorenz-bc-codegen.2025-08.xml"),
    serviceName: "BcApi",
  },
  {
    id: "odatav4",
    label: "ODataV4 (coolrunner, largest)",
    file: join(fixtures, "odatav4.coolrunner-business-central-php.xml"),
    serviceName: "BcOdataV4",
  },
];
