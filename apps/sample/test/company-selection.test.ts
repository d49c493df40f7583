import { vi, afterAll, beforeAll, describe, expect, test } from "vitest";
import { selectCompany } from "../src/company.js";
import { customerCrud } from "../src/scenarios/customer-crud.js";
import { itemPricesBatch } from "../src/scenarios/item-prices-batch.js";
import { listCompanies } from "../src/scenarios/list-companies.js";
import { salesOrder } from "../src/scenarios/sales-order.js";
import { resolveTarget, type Target } from "../src/target.js";
import { UnknownCompanyError } from "../src/unknown-company-error.js";

const companies = [
  { id: "5d115c9c-44e3-ea11-bb43-000d3a2feca1", name: "CRONUS USA, Inc." },
  { id: "6e226dad-55f4-fb22-cc54-111e4b3fdfb2", name: "My Company" },
];

describe("selectCompany", () => {
  test("by id (any case) or by name; the first company only when nothing is asked for", () => {
    expect(selectCompany(companies, "6E226DAD-55F4-FB22-CC54-111E4B3FDFB2")).toBe(companies[1]);
    expect(selectCompany(companies, "My Company")).toBe(companies[1]);
    expect(selectCompany(companies, undefined)).toBe(companies[0]);
    expect(selectCompany(companies, " ")).toBe(companies[0]);
  });

  test("an unknown id or name is an error that lists the environment's companies, never a fallback", () => {
    for (const wanted of ["00000000-0000-0000-0000-000000000000", "CRONUS"]) {
      const error = (() => {
        try {
          selectCompany(companies, wanted);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(UnknownCompanyError);
      expect((error as Error).message).toContain(`"${wanted}"`);
      expect((error as Error).message).toContain("CRONUS USA, Inc. (5d115c9c-44e3-ea11-bb43-000d3a2feca1), My Company (6e226dad-55f4-fb22-cc54-111e4b3fdfb2)");
    }
  });

  test("an environment without companies is an error too", () => {
    expect(() => selectCompany([], undefined)).toThrow(/has no company/);
  });
});

describe("every scenario refuses an unknown BC_COMPANY_ID before writing anything", () => {
  let target: Target;
  beforeAll(async () => {
    target = await resolveTarget({});
  });
  afterAll(async () => {
    await target?.close();
  });

  const unknown = "0badc0de-0000-4000-8000-000000000000";
  const scenarios: Array<[string, () => Promise<void>]> = [
    ["list-companies", () => listCompanies(target, { companyId: unknown })],
    ["customer-crud", () => customerCrud(target, { companyId: unknown, runId: "t" })],
    ["sales-order", () => salesOrder(target, { companyId: unknown })],
    ["item-prices-batch", () => itemPricesBatch(target, { companyId: unknown, runId: "t" })],
  ];
  test.each(scenarios)("%s", async (_, run) => {
    const spy = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const before = target.emulator!.bc.requests.length;
    try {
      await expect(run()).rejects.toBeInstanceOf(UnknownCompanyError);
    } finally {
      spy.mockRestore();
    }
    const writes = target.emulator!.bc.requests.slice(before).filter((r) => r.method !== "GET");
    expect(writes).toEqual([]);
  });
});
