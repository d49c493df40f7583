import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { packagedMetadataFile } from "../src/bc/bc-server-options.js";
import { parseMetadata } from "../src/bc/metadata/parse-metadata.js";
import { compileFilter } from "../src/bc/odata/filter-evaluator.js";
import { parseFilter } from "../src/bc/odata/filter-parser.js";

const model = parseMetadata(readFileSync(packagedMetadataFile("api-v2.0.xml"), "utf8"));
const customer = model.entityTypes.get("Microsoft.NAV.customer")!;
const rows = ["Adatum Corporation", "Alpine Ski House", "Trey Research", "School of Fine Art"].map((displayName) => ({ displayName, number: displayName.slice(0, 3) }));

const matching = (filter: string): string[] => {
  const predicate = compileFilter(parseFilter(filter, { booleanFunctionComparison: "accept" }), customer, model, { schemaVersion21: false, maxNodeCount: 100 });
  return rows.filter(predicate).map((r) => r.displayName);
};

describe("§3 [UNK] evaluating `startswith(...) eq true` with booleanFunctionComparison: accept", () => {
  const cases: [string, string, string[]][] = [
    ["startswith(displayName,'A') eq true", "startswith(displayName,'A')", ["Adatum Corporation", "Alpine Ski House"]],
    ["(startswith(displayName,'A') ne false)", "startswith(displayName,'A')", ["Adatum Corporation", "Alpine Ski House"]],
    ["startswith(displayName,'A') eq false", "not startswith(displayName,'A')", ["Trey Research", "School of Fine Art"]],
    ["(contains(displayName,'Ski') ne true)", "not contains(displayName,'Ski')", ["Adatum Corporation", "Trey Research", "School of Fine Art"]],
    ["endswith(displayName,'Art') eq true", "endswith(displayName,'Art')", ["School of Fine Art"]],
    ["(startswith(displayName,'A') eq true) and (contains(displayName,'Ski') eq false)", "startswith(displayName,'A') and not contains(displayName,'Ski')", ["Adatum Corporation"]],
    ["startswith(displayName,'T') eq true or endswith(displayName,'Art') eq true", "startswith(displayName,'T') or endswith(displayName,'Art')", ["Trey Research", "School of Fine Art"]],
    ["not (startswith(displayName,'A') eq false)", "startswith(displayName,'A')", ["Adatum Corporation", "Alpine Ski House"]],
  ];
  it.each(cases)("%s matches what %s matches", (compared, plain, want) => {
    expect(matching(compared)).toEqual(want);
    expect(matching(plain)).toEqual(want);
  });

  it("keeps BC's cross-field 'or' rule for the compared form", () => {
    expect(() => matching("startswith(displayName,'A') eq true or number eq 'Tre'")).toThrow(/The 'OR' operator is not supported on distinct fields/);
  });
});
